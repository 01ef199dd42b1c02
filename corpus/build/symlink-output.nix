let mk = import ./lib/mk.nix; in mk { name = "link"; args = [ "-c" "/bin/ln -s /nix/store/does-not-exist $out" ]; }
