let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
1 + "${drv}/bin"
