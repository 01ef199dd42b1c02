[ (builtins.fromJSON "{}") (builtins.fromJSON "[]") (builtins.fromJSON "\"\"") ]
