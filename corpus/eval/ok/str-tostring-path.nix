builtins.typeOf (toString ./.)
