let mk = import ./lib/mk.nix; in mk { name = "d"; args = [ "-c" "set -e; /bin/mkdir $out; echo data > $out/file; echo x > $out/run; /bin/chmod +x $out/run; /bin/ln -s file $out/link" ]; }
