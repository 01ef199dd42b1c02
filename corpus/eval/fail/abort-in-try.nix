builtins.tryEval (abort "stop")
