# Nix 2.8 writes `derivation` in Nix (its derivation.nix): a lambda, with
# the formal `outputs`, printed and described as one.
[
  derivation
  (builtins.typeOf derivation)
  (builtins.isFunction derivation)
  (builtins.functionArgs derivation)
  (builtins.unsafeGetAttrPos "outputs" (builtins.functionArgs derivation))
  (builtins.toXML derivation)
  (builtins.functionArgs builtins.derivationStrict)
  builtins.derivationStrict
]
