builtins.map (x: x * 10) (builtins.attrValues { b = 2; a = 1; })
