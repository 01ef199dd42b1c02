builtins.listToAttrs []
