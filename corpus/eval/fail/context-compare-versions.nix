let
  drv = derivation { name = "d-1.0"; system = "s"; builder = "b"; };
in
builtins.compareVersions "1.0" "${drv}"
