let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in mk { name = "tf"; conf = builtins.toFile "conf.txt" "key=value\n"; }
