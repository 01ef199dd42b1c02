let mk = import ./lib/mk.nix; in mk { name = "self"; args = [ "-c" "/bin/mkdir $out; echo $out > $out/me" ]; }
