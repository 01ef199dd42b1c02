[ (builtins.baseNameOf "foo/bar.txt") (builtins.dirOf "foo/bar.txt") (builtins.dirOf "/") ]
