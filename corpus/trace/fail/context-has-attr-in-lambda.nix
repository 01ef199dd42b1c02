let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
  has = name: builtins.hasAttr name { };
in
has "${drv}"
