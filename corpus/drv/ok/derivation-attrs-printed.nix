let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in let d = mk { name = "p"; x = 1; }; in [ d.name d.type d.outputName d.x (builtins.attrNames d) ]
