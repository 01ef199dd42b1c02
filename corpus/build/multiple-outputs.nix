let mk = import ./lib/mk.nix; in mk { name = "m"; outputs = [ "out" "dev" ]; args = [ "-c" "echo o > $out; echo $out > $dev" ]; }
