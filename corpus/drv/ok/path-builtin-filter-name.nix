builtins.path { path = ../data/dir; name = "f"; filter = p: t: baseNameOf p != "sub"; }
