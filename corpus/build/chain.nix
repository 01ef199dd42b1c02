let mk = import ./lib/mk.nix; a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in mk { name = "b"; args = [ "-c" "read x < ${a}; echo $x-b > $out" ]; }
