builtins.foldl' (a: b: if b > a then b else a) 0 [ 3 9 2 7 ]
