let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in [ (mk { name = "l1"; }) (mk { name = "l2"; v = 1; }) ]
