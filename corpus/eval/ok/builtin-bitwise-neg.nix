[ (builtins.bitAnd (-1) (-2)) (builtins.bitOr (-1) 0) (builtins.bitXor (-1) 1) ]
