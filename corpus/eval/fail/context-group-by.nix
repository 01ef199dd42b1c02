let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
builtins.groupBy (x: "${drv}") [ 1 ]
