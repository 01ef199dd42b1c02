builtins.foldl' (acc: x: acc ++ [ (x * 2) ]) [ ] [ 1 2 3 ]
