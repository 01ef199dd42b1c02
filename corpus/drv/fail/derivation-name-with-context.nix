# A derivation name may not refer to a store path.
derivation { name = "x-${builtins.toFile "a" "x"}"; system = "x86_64-linux"; builder = "/bin/sh"; }
