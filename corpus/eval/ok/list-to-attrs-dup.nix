builtins.listToAttrs [ { name = "x"; value = 1; } { name = "x"; value = 2; } { name = "y"; value = 3; } ]
