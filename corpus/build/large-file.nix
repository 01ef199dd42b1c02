let mk = import ./lib/mk.nix; in mk { name = "large"; args = [ "-c" "/usr/bin/head -c 3000000 /dev/zero > $out" ]; }
