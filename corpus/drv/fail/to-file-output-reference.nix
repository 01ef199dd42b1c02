let f = builtins.toFile "x" "y"; d = derivation { name = "d"; builder = "/bin/sh"; system = "x"; }; in builtins.toFile "z" "${d}"
