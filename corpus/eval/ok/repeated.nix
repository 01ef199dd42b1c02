let a = [ 1 ]; s = { x = 1; }; in { l = [ a a ]; m = [ s s ]; e = [ [] [] ]; }
