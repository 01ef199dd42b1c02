derivation { builder = "/bin/sh"; system = "x"; }
