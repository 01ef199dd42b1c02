# A small stdenv. `mkDerivation` runs bash on default-builder.sh, which
# sources `$stdenv/setup`: the phases, hooks and helpers of setup.sh, with
# the host-backed tools of `initialPath` on PATH. It keeps nixpkgs' interface
# (phases, buildCommand, inputs and their setup hooks, passthru, meta) without
# a compiler toolchain.
{ lib, system, bash, coreutils, findutils, diffutils, gnused, gnugrep, gawk, gnutar, gzip, bzip2, xz, patch, gnumake }:

let
  shell = "${bash}/bin/bash";

  initialPath = [ coreutils findutils diffutils gnused gnugrep gawk gnutar gzip bzip2 xz patch gnumake bash ];

  setupDrv = derivation {
    name = "stdenv-linux";
    inherit system shell initialPath;
    builder = shell;
    args = [ "-e" ./builder.sh ];
    setup = ./setup.sh;
    preferLocalBuild = true;
  };

  platform = {
    inherit system;
    isLinux = true;
    isDarwin = false;
    isx86_64 = system == "x86_64-linux";
    isAarch64 = system == "aarch64-linux";
    parsed.cpu.name = builtins.head (lib.strings.splitString "-" system);
  };

  # Attributes that describe the Nix value, not the build.
  notForBuilder = [ "meta" "passthru" ];

  mkDerivation = attrs:
    let
      nonNull = builtins.filter (x: x != null);
      name = attrs.name or "${attrs.pname}-${attrs.version}";
      inputs = lib.genAttrs [ "nativeBuildInputs" "buildInputs" "propagatedBuildInputs" "propagatedNativeBuildInputs" ]
        (n: nonNull (attrs.${n} or [ ]));
      drv = derivation (builtins.removeAttrs attrs notForBuilder // inputs // {
        inherit name system;
        # A `builder` of the caller's is a script for bash to run (it
        # sources $stdenv/setup itself), as in nixpkgs.
        builder = attrs.realBuilder or shell;
        args = attrs.args or [ "-e" (attrs.builder or ./default-builder.sh) ];
        stdenv = setupDrv;
        outputs = attrs.outputs or [ "out" ];
      });
      passthru = attrs.passthru or { };
    in
    drv // passthru // {
      meta = attrs.meta or { };
      inherit passthru;
      overrideAttrs = f: mkDerivation (attrs // f attrs);
    };
in
setupDrv // {
  inherit mkDerivation shell system initialPath;
  hostPlatform = platform;
  buildPlatform = platform;
  targetPlatform = platform;
  isLinux = true;
  cc = null;
}
