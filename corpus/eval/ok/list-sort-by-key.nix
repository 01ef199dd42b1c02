builtins.sort (a: b: a.name < b.name) [ { name = "b"; } { name = "a"; } { name = "c"; } ]
