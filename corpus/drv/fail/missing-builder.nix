derivation { name = "n"; system = "x"; }
