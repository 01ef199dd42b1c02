let mk = import ./lib/mk.nix; in mk { name = "t"; args = [ "-c" "echo hello > $out" ]; }
