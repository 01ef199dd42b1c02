let mk = import ./lib/mk.nix; a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in mk { name = "r"; args = [ "-c" "echo ${a} > $out" ]; }
