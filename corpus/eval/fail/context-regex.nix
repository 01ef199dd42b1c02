let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
builtins.match "${drv}.*" "x"
