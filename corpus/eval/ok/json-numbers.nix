builtins.toJSON [ 0 (-1) 1.5 (-0.25) 1000000 ]
