[ (builtins.pathExists ./.) (builtins.pathExists ./does-not-exist) ]
