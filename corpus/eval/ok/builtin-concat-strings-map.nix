builtins.concatStringsSep ", " (builtins.map toString [ 1 2 3 ])
