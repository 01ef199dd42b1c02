let f = x: if x < 0 then "neg" else if x == 0 then "zero" else "pos"; in [ (f (-1)) (f 0) (f 1) ]
