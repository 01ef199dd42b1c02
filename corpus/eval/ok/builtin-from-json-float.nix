builtins.fromJSON "[1.0, 2.5e-3, -0.0]"
