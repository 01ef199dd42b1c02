[ (builtins.dirOf ./a/b) (builtins.baseNameOf ./a/b) (builtins.dirOf "/x/y") (builtins.baseNameOf "/x/y/") (builtins.dirOf "rel") ]
