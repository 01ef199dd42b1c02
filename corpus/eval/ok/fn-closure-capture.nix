let mk = x: y: x + y; add5 = mk 5; in [ (add5 1) (add5 2) ]
