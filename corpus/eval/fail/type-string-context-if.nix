let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
if drv.drvPath then 1 else 2
