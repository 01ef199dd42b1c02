<nixpkgs/lib/default.nix>
