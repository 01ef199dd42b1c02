# mapAttrs' attributes have no position: neither has the error.
builtins.toJSON (builtins.mapAttrs (name: value: value) { a = builtins.head; })
