builtins.toJSON { b = 1; a = 2; C = 3; }
