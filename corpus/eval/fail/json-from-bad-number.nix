builtins.fromJSON "[-]"
