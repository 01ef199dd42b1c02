builtins.attrValues (builtins.readDir ./.)
