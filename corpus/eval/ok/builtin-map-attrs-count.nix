builtins.length (builtins.attrNames (builtins.mapAttrs (n: v: v) { a = 1; b = 2; c = 3; }))
