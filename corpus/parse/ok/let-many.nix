let a = 1; b = a; c = b; in c
