let add1 = builtins.add 1; in [ (add1 1) (builtins.typeOf add1) ]
