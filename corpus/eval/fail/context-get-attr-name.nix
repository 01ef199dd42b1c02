# An attribute name must not refer to a store path: Nix names the string
# and the first element of its context.
let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
builtins.getAttr "${drv}" { }
