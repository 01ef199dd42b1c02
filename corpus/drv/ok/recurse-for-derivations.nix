let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in { inner = { recurseForDerivations = true; d = mk { name = "inner"; }; }; top = mk { name = "top"; }; }
