builtins.attrValues (builtins.intersectAttrs { a = null; c = null; } { a = 1; b = 2; c = 3; })
