let
  drv = derivation { name = "d-1.0"; system = "s"; builder = "b"; };
in
builtins.parseDrvName drv.outPath
