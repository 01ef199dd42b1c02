builtins.path { path = ../data/dir; name = "renamed-dir"; }
