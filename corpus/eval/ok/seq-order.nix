builtins.seq (builtins.tryEval 1) 2
