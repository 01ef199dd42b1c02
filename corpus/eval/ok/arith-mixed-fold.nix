builtins.foldl' builtins.add 0.5 [ 1 2 3 ]
