builtins.readFile ./does-not-exist
