[ (builtins.all builtins.isString [ "a" "b" ]) (builtins.any builtins.isInt [ "a" 1 ]) ]
