"not a function" 1
