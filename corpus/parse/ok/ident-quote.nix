let a' = 1; a'' = a'; in a''
