[ (builtins.dirOf /.) (builtins.dirOf /a) (builtins.baseNameOf /.) ]
