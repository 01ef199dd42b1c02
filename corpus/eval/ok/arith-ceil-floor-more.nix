[ (builtins.ceil 0.0) (builtins.floor 0.1) (builtins.ceil (-0.1)) (builtins.floor (-2.0)) (builtins.ceil 1.0e10) ]
