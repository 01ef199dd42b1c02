derivation { name = "n"; builder = "/bin/sh"; }
