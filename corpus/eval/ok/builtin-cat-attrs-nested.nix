builtins.catAttrs "v" [ { v = [ 1 ]; } { v = { }; } { w = 1; } ]
