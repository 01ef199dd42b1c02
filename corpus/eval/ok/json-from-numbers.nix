builtins.fromJSON "[0, -1, 1.5, 1e3, 12345678901]"
