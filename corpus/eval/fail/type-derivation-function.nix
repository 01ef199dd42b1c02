# derivation is a lambda in Nix 2.8, so its messages call it a function.
builtins.length derivation
