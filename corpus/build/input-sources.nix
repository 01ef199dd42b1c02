let mk = import ./lib/mk.nix; in mk { name = "src"; src = ./lib/mk.nix; conf = builtins.toFile "conf" "a=1\n";
  args = [ "-c" "read -r first < $src; echo \"$first\" > $out; read -r c < $conf; echo $c $src $conf >> $out" ]; }
