builtins.toJSON [ 1 derivation ]
