builtins.path { path = ../data/dir; filter = p: t: t != "symlink"; }
