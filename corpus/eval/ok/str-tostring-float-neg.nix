toString (-1.25)
