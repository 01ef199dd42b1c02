# The package set nixlite ships. `<nixpkgs>` (when the search path names no
# other) and `nixlite build -A ATTR` without a file both mean this file, and
# real Nix reads it just the same (`nix-instantiate $(nixlite pkgs-path) -A X`
# gives the same .drv paths), so it uses no builtin that Nix 2.8 lacks.
{ system ? builtins.currentSystem, ... }:

let
  lib = import ./lib;
in
lib.fix (pkgs: import ./top-level.nix { inherit lib pkgs system; })
