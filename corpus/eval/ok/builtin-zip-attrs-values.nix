builtins.zipAttrsWith (n: vs: builtins.foldl' builtins.add 0 vs) [ { a = 1; } { a = 2; b = 5; } ]
