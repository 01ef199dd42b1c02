let a = 1; in let b = a; in b
