builtins.typeOf (import ./int.nix)
