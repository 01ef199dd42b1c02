let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
builtins.fromJSON (builtins.toJSON { path = drv; })
