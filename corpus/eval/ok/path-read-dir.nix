builtins.readDir ../data
