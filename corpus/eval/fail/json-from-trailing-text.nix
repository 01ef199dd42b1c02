builtins.fromJSON "\"abc\" x"
