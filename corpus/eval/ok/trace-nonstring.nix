builtins.trace { a = 1; } 5
