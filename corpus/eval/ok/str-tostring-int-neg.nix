toString (-5)
