# Every attribute of the package set, wired with callPackage. `pkgs` is the
# finished set itself (default.nix takes the fixed point), so any entry may
# refer to any other.
{ lib, pkgs, system }:

let
  callPackage = lib.callPackageWith pkgs;
  # Sets merged into the top level are imported with their arguments named:
  # callPackage would need the names of the whole set, which include theirs.
  trivial = import ./build-support/trivial-builders.nix {
    inherit lib;
    inherit (pkgs) stdenv runtimeShell lndir;
  };
  writers = import ./build-support/writers.nix {
    inherit lib;
    inherit (pkgs) runCommand writeShellScript python3;
  };
in
import ./host { inherit lib system; }
// trivial
// writers
// {
  inherit lib system callPackage pkgs;
  buildPackages = pkgs;
  pkgsBuildHost = pkgs;

  stdenv = callPackage ./stdenv { };
  stdenvNoCC = pkgs.stdenv;
  runtimeShell = "${pkgs.bash}/bin/bash";
  runtimeShellPackage = pkgs.bash;

  lndir = trivial.runCommand "lndir" { preferLocalBuild = true; } ''
    mkdir -p $out/bin
    substitute ${./build-support/lndir.sh} $out/bin/lndir --subst-var-by shell ${pkgs.runtimeShell}
    chmod +x $out/bin/lndir
  '';

  buildEnv = callPackage ./build-support/build-env.nix { };
  closureInfo = callPackage ./build-support/closure-info.nix { };
  referencesByPopularity = callPackage ./build-support/references-by-popularity.nix { };

  # makeSetupHook { name; substitutions; } script: a package whose setup
  # hook is `script`, with @name@ placeholders replaced; builders that take it
  # as an input source it.
  makeSetupHook = { name ? "hook", deps ? [ ], substitutions ? { } }: script:
    trivial.runCommand name
      (substitutions // {
        inherit script;
        propagatedBuildInputs = deps;
        preferLocalBuild = true;
      }) ''
      mkdir -p $out/nix-support
      substituteAll "$script" $out/nix-support/setup-hook
      if [ -n "$propagatedBuildInputs" ]; then
        printf '%s ' $propagatedBuildInputs > $out/nix-support/propagated-build-inputs
      fi
    '';

  makeWrapper = pkgs.makeSetupHook
    { name = "make-wrapper-hook"; substitutions.shell = pkgs.runtimeShell; }
    ./build-support/make-wrapper.sh;

  # substituteAll { src; VAR = value; ... }: `src` with every @VAR@ replaced.
  substituteAll = args: pkgs.stdenv.mkDerivation ({
    name = args.name or (
      let
        base = builtins.unsafeDiscardStringContext (baseNameOf (toString args.src));
        unhashed = builtins.match "[0-9a-z]{32}-(.*)" base;
      in
      if unhashed == null then base else builtins.head unhashed);
    preferLocalBuild = true;
    allowSubstitutes = false;
    buildCommand = ''
      target=$out
      if [ -n "''${dir:-}" ]; then
        target=$out/$dir/$name
        mkdir -p "$out/$dir"
      fi
      substituteAll "$src" "$target"
      if [ -n "''${isExecutable:-}" ]; then chmod +x "$target"; fi
    '';
  } // args);

  # The passwd, group and nsswitch.conf of a container with no users but root
  # and nobody, and the empty home directory both use.
  fakeNss = trivial.symlinkJoin {
    name = "fake-nss";
    paths = [
      (trivial.writeTextDir "etc/passwd" ''
        root:x:0:0:root user:/var/empty:/bin/sh
        nobody:x:65534:65534:nobody:/var/empty:/bin/sh
      '')
      (trivial.writeTextDir "etc/group" ''
        root:x:0:
        nobody:x:65534:
      '')
      (trivial.writeTextDir "etc/nsswitch.conf" ''
        hosts: files dns
      '')
      (trivial.runCommand "var-empty" { } "mkdir -p $out/var/empty")
    ];
  };

  # What dockerTools asks of Go: the GOARCH of this system.
  go = {
    GOARCH = {
      "x86_64-linux" = "amd64";
      "aarch64-linux" = "arm64";
      "i686-linux" = "386";
      "armv7l-linux" = "arm";
    }.${system} or (throw "nixlite: no GOARCH is known for system '${system}'");
  };

  # NixOS VM tests need a NixOS system and a hypervisor: nixlite has neither.
  nixosTests = lib.mapAttrs
    (name: _: throw "nixlite: nixosTests.${name} is not available: NixOS tests need NixOS and a hypervisor")
    { docker-tools = null; docker-tools-overlay = null; docker-tools-cross = null; };

  tarsum = writers.writePython3Bin "tarsum" { } ../dockertools/tarsum.py;

  vmTools = callPackage ./vm { };
  dockerTools = callPackage ../dockertools { };
}
