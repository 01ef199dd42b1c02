[ (builtins.parseDrvName "hello-2.12.1") (builtins.parseDrvName "nix-unstable-2022") (builtins.parseDrvName "foo") (builtins.parseDrvName "a-b-1-c") ]
