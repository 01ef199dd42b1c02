./foo.nix
