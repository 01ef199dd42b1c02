# A dynamic attribute name with context: the error has no position in Nix.
let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
{ ${drv.drvPath} = 1; }
