builtins.map (x: x.missing) [ { } ]
