let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in mk { name = "pb"; src = builtins.path { path = ../data/dir; name = "source"; }; }
