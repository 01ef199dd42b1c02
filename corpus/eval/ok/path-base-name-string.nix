[ (builtins.baseNameOf "a/b.nix") (builtins.baseNameOf "") (builtins.baseNameOf "/") ]
