builtins.concatStringsSep "/" [ "a" "${"b"}" (toString 3) ]
