# The derivations of the build corpus: /bin/sh builders, nothing else.
attrs: derivation ({ system = "x86_64-linux"; builder = "/bin/sh"; } // attrs)
