let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in let a = mk { name = "a"; }; b = mk { name = "b"; dep = a; }; in mk { name = "c"; dep = b; }
