# nixlite's `lib`: the nixpkgs-style library that dockerTools and everyday
# package expressions use, written for nixlite, one file per domain.
#
# Each domain file is a function `{ lib }: { ... }` of the finished library, so
# the files may use one another freely; this file ties that knot (with
# makeExtensible, so `lib.extend (final: prev: { ... })` works as in nixpkgs),
# exposes each domain under its own name (lib.lists, lib.strings, ...) and
# lifts the everyday names to the top level (lib.optionals, lib.mapAttrs', ...).
let
  build = self:
    let
      load = file: import file { lib = self; };

      trivial = load ./trivial.nix;
      lists = load ./lists.nix;
      strings = load ./strings.nix;
      attrsets = load ./attrsets.nix;
      fixedPoints = load ./fixed-points.nix;
      customisation = load ./customisation.nix;
      fetchers = load ./fetchers.nix;
      asserts = load ./asserts.nix;
      versions = load ./versions.nix;
      generators = load ./generators.nix;
      debug = load ./debug.nix;
    in
    {
      inherit trivial lists strings attrsets fixedPoints customisation fetchers
        asserts versions generators debug;
    }
    # The builtins nixpkgs' lib re-exports under their own names.
    // {
      inherit (builtins)
        add addErrorContext attrNames concatLists deepSeq elem elemAt filter
        genericClosure genList getAttr hasAttr head isAttrs isBool isInt isList
        isPath isString length lessThan listToAttrs pathExists readFile
        replaceStrings seq stringLength sub substring tail trace;
    }
    # Every domain's names at the top level (fetchers, versions and
    # generators stay in their namespaces, as in nixpkgs).
    // trivial // lists // strings // attrsets // fixedPoints // customisation
    // asserts // debug;

  inherit (import ./fixed-points.nix { inherit lib; }) makeExtensible;

  lib = makeExtensible build;
in
lib
