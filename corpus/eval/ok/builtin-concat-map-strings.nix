builtins.concatMap (s: [ s s ]) [ "a" "b" ]
