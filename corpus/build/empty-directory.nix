let mk = import ./lib/mk.nix; in mk { name = "empty"; args = [ "-c" "/bin/mkdir $out" ]; }
