[ (builtins.typeOf 1.0) (builtins.typeOf "") (builtins.typeOf [ ]) (builtins.typeOf { __functor = s: x: x; }) (builtins.typeOf (builtins.add 1)) ]
