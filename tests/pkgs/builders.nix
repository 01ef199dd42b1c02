# Derivations made with the package set's stdenv and builders, for
# test_builders.py: built by nixlite, checked for what they must contain, and
# instantiated by real Nix to the same .drv paths.
let
  pkgs = import ../../nixlite/pkgs { };
  inherit (pkgs) lib;
  fileA = pkgs.writeTextDir "share/a/a.txt" "a\n";
  fileB = pkgs.writeTextDir "share/b/b.txt" "b\n";
  greeter = pkgs.writeShellScriptBin "greet" ''echo "hello $*"'';
  hook = pkgs.makeSetupHook { name = "greeting-hook"; substitutions.greeting = "hi"; }
    (builtins.toFile "greeting-hook.sh" "export GREETING=@greeting@\n");
  propagator = pkgs.stdenv.mkDerivation {
    name = "propagator";
    dontUnpack = true;
    propagatedBuildInputs = [ greeter ];
    installPhase = "mkdir -p $out";
  };
in
{
  runCommand = pkgs.runCommand "run-command" { greeting = "hello"; } ''
    echo "$greeting" > $out
  '';
  runCommandLocal = pkgs.runCommandLocal "run-command-local" { } "echo local > $out";
  phases = pkgs.stdenv.mkDerivation {
    pname = "phases";
    version = "1.0";
    src = ./phases-src;
    patches = [ ./phases-src.patch ];
    configurePhase = "echo configured > configured";
    postBuild = "echo built > built";
    doCheck = true;
    checkPhase = "echo checked > checked";
    installPhase = ''
      mkdir -p $out/bin
      cp configured built checked message $out/
      cp tool.sh $out/bin/tool
      chmod +x $out/bin/tool
      substituteInPlace $out/message --replace WORLD world --subst-var-by who nixlite
      echo "$SOURCE_DATE_EPOCH" > $out/epoch
    '';
    passthru.tested = true;
    meta.description = "all the phases";
  };
  make = pkgs.stdenv.mkDerivation {
    name = "make";
    src = ./make-src;
    makeFlags = [ "GREETING=hello" ];
    doCheck = true;
    installFlags = [ "PREFIX=$(out)" ];
  };
  inputs = pkgs.runCommand "inputs" { nativeBuildInputs = [ propagator hook ]; } ''
    greet "$GREETING" > $out
  '';
  writeText = pkgs.writeText "text" "some text\n";
  writeTextDir = fileA;
  writeScript = pkgs.writeScript "script" "#!/bin/sh\necho script\n";
  writeScriptBin = pkgs.writeScriptBin "script-bin" "#!/bin/sh\necho script\n";
  writeShellScript = pkgs.writeShellScript "shell-script" "echo shell";
  writeShellScriptBin = greeter;
  symlinkJoin = pkgs.symlinkJoin { name = "joined"; paths = [ fileA fileB greeter ]; };
  buildEnv = pkgs.buildEnv { name = "env"; paths = [ fileA fileB greeter ]; pathsToLink = [ "/share" ]; };
  buildEnvPrefix = pkgs.buildEnv {
    name = "env-prefix";
    paths = [ greeter ];
    extraPrefix = "/usr";
    postBuild = "touch $out/post-built";
  };
  buildEnvCollision = pkgs.buildEnv {
    name = "env-collision";
    paths = [ (pkgs.writeTextDir "x" "1") (pkgs.writeTextDir "x" "2") ];
  };
  buildEnvIgnoreCollisions = pkgs.buildEnv {
    name = "env-ignore-collisions";
    paths = [ (pkgs.writeTextDir "x" "1") (pkgs.writeTextDir "x" "2") ];
    ignoreCollisions = true;
  };
  buildEnvPriority = pkgs.buildEnv {
    name = "env-priority";
    paths = [
      (pkgs.writeTextDir "x" "low" // { meta.priority = 10; })
      (pkgs.writeTextDir "x" "high" // { meta.priority = 1; })
      (pkgs.writeTextDir "x" "default")
    ];
  };
  closureInfo = pkgs.closureInfo { rootPaths = [ greeter ]; };
  writeReferencesToFile = pkgs.writeReferencesToFile greeter;
  referencesByPopularity = pkgs.referencesByPopularity greeter;
  wrapper = pkgs.runCommand "wrapper" { nativeBuildInputs = [ pkgs.makeWrapper ]; } ''
    makeWrapper ${pkgs.writeShellScript "show" ''echo "args=$* X=$X Y=$Y P=$P S=$S U=''${U-unset} R=$R"''} $out/bin/show \
      --set X x --set-default Y y --prefix P : /pre --suffix S : /suf --unset U \
      --run 'export R=ran' --add-flags "-a -b"
    cp $out/bin/show $out/bin/tool
    wrapProgram $out/bin/tool --set X wrapped
    X=0 Y=set P=/old S=/old U=set $out/bin/show c > $out/show.out
    U=set $out/bin/tool d > $out/tool.out
  '';
  substituteAll = pkgs.substituteAll {
    src = builtins.toFile "template" "name=@who@ shell=@shell@\n";
    who = "nixlite";
    shell = pkgs.runtimeShell;
  };
  writePython3 = pkgs.writePython3 "hello-py" { } ''
    import sys
    print("python", sys.version_info[0])
  '';
  writePython3Bad = pkgs.writePython3 "bad-py" { } "def (:\n";
  checkedScriptBad = pkgs.makeScriptWriter { interpreter = "${pkgs.bash}/bin/bash"; check = "${pkgs.bash}/bin/bash -n"; }
    "bad-sh" "if then fi(((";
  customBuilder = pkgs.stdenv.mkDerivation {
    name = "custom-builder";
    builder = builtins.toFile "builder.sh" "source $stdenv/setup; echo custom > $out";
  };
  structured = pkgs.stdenv.mkDerivation {
    name = "structured";
    __structuredAttrs = true;
    dontUnpack = true;
    preHook = "export FROM_PRE_HOOK=yes";
    configureScript = pkgs.writeScript "configure" "#!${pkgs.runtimeShell}\nprintf '%s\\n' \"$@\" > $NIX_BUILD_TOP/configure-args\n";
    dontAddPrefix = true;
    configureFlags = [ "--with-space=a b" "--plain" ];
    installPhase = ''
      mkdir -p $out/bin
      printf '#!/bin/sh\necho structured\n' > $out/bin/tool
      chmod +x $out/bin/tool
      echo "$FROM_PRE_HOOK" > $out/pre-hook
      cp $NIX_BUILD_TOP/configure-args $out/configure-args
    '';
  };
  userEnv = pkgs.buildEnv {
    name = "user-env";
    paths = [
      (pkgs.stdenv.mkDerivation {
        name = "propagates-user-env";
        dontUnpack = true;
        propagatedUserEnvPkgs = [ greeter ];
        installPhase = "mkdir -p $out/share; echo > $out/share/own";
      })
    ];
  };
  emptyPrefix = pkgs.runCommand "empty-prefix" { nativeBuildInputs = [ pkgs.makeWrapper ]; } ''
    makeWrapper ${pkgs.coreutils}/bin/printenv $out/bin/show-path --prefix PATH : "" --set PATH /only
    $out/bin/show-path PATH > $out/path
  '';
  replaceFlags = pkgs.runCommand "replace-flags" { } ''
    echo "one two" > $out
    substituteInPlace $out --replace-fail one 1 --replace-warn absent x --replace-quiet absent y 2> warnings
    grep -q "absent" warnings
    if substituteInPlace $out --replace-fail absent z; then exit 1; fi
  '';
  spacedSource = pkgs.stdenv.mkDerivation {
    name = "spaced-source";
    src = pkgs.runCommand "source.tar" { } "mkdir 'my src'; echo unpacked > 'my src/f'; tar cf $out 'my src'";
    installPhase = "cp f $out";
  };
  # A directory that is a link in one package, merged with another's.
  linkedJoin = let
    real = pkgs.writeTextDir "share/man/man1/a.1" "a";
    linking = pkgs.runCommand "linking" { } "mkdir -p $out/share; ln -s ${real}/share/man $out/share/man";
  in pkgs.symlinkJoin { name = "linked-join"; paths = [ linking (pkgs.writeTextDir "share/man/man1/b.1" "b") ]; };
  fakeNss = pkgs.fakeNss;
  lndir = pkgs.lndir;
}
