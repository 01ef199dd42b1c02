derivation { name = "other"; builder = "/bin/sh"; system = "aarch64-linux"; }
