let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in let a = mk { name = "a"; }; in mk { name = "pad"; p = "${a.drvPath}"; }
