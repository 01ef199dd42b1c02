builtins.pathExists "/"
