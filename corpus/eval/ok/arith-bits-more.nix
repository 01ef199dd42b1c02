[ (builtins.bitAnd 0 7) (builtins.bitOr 0 0) (builtins.bitXor 5 5) (builtins.bitOr (-8) 3) ]
