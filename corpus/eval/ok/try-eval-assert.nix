(builtins.tryEval (assert 1 == 2; 3)).success
