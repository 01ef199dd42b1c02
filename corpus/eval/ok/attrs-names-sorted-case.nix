builtins.attrNames { b = 1; B = 2; a = 3; A = 4; _ = 5; "1" = 6; }
