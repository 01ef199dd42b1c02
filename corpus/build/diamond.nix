let mk = import ./lib/mk.nix;
  base = mk { name = "base"; args = [ "-c" "echo base > $out" ]; };
  l = mk { name = "l"; args = [ "-c" "read x < ${base}; echo l$x > $out" ]; };
  r = mk { name = "r"; args = [ "-c" "read x < ${base}; echo r$x > $out" ]; };
in mk { name = "top"; args = [ "-c" "read a < ${l}; read b < ${r}; echo $a$b > $out" ]; }
