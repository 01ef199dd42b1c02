[ (builtins.div (-1) 2) (builtins.div 1 (-2)) (builtins.div (-9) (-4)) ]
