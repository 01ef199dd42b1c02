let f = a: b: c: [ a b c ]; g = f 1; h = g 2; in [ (h 3) (h 4) ]
