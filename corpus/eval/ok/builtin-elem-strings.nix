[ (builtins.elem "b" [ "a" "b" ]) (builtins.elem "z" [ ]) ]
