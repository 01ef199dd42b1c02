let k = "a"; s = { a = 1; }; in s.${k}
