let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
"${drv}" { }
