let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in let a = mk { name = "eq"; }; b = mk { name = "eq"; }; in [ (a == b) (a.outPath == b.outPath) ]
