# listToAttrs reports it where the element's `name` is written.
let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
in
builtins.listToAttrs [
  { name = "a"; value = 1; }
  { value = 2; name = "${drv}"; }
]
