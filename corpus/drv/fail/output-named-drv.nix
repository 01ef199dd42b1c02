let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in mk { name = "n"; outputs = [ "drv" ]; }
