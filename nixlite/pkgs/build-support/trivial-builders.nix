# The small builders most Nix code is made of: commands run in the stdenv,
# text files and scripts written to the store, and trees of links joining
# other packages.
{ lib, stdenv, runtimeShell, lndir }:

rec {
  # runCommandWith { name; derivationArgs; runLocal; } buildCommand: a
  # derivation whose whole build is `buildCommand` (passed as a file, so it
  # may be longer than an environment variable allows).
  runCommandWith = { name, runLocal ? false, derivationArgs ? { } }: buildCommand:
    stdenv.mkDerivation ({
      enableParallelBuilding = true;
      inherit name buildCommand;
      passAsFile = [ "buildCommand" ] ++ (derivationArgs.passAsFile or [ ]);
    }
    // lib.optionalAttrs runLocal { preferLocalBuild = true; allowSubstitutes = false; }
    // builtins.removeAttrs derivationArgs [ "passAsFile" ]);

  runCommand = name: env: runCommandWith { inherit name; derivationArgs = env; };
  runCommandLocal = name: env: runCommandWith { inherit name; runLocal = true; derivationArgs = env; };
  runCommandNoCC = runCommand;
  runCommandCC = runCommand;

  # writeTextFile: `text` written to `$out` (or `$out${destination}`),
  # executable if asked, then `checkPhase` run on it.
  writeTextFile =
    { name
    , text
    , executable ? false
    , destination ? ""
    , checkPhase ? ""
    , meta ? { }
    , allowSubstitutes ? false
    , preferLocalBuild ? true
    }:
    assert lib.assertMsg (destination == "" || lib.hasPrefix "/" destination)
      "writeTextFile: destination must be empty or start with '/', not '${destination}'";
    runCommand name
      {
        inherit text executable checkPhase meta allowSubstitutes preferLocalBuild;
        passAsFile = [ "text" ];
      } ''
      target=$out${lib.escapeShellArg destination}
      mkdir -p "$(dirname "$target")"
      if [ -e "$textPath" ]; then
        mv "$textPath" "$target"
      else
        printf '%s' "$text" > "$target"
      fi
      if [ -n "$executable" ]; then
        chmod +x "$target"
      fi
      eval "$checkPhase"
    '';

  writeText = name: text: writeTextFile { inherit name text; };

  writeTextDir = path: text: writeTextFile {
    inherit text;
    name = builtins.baseNameOf path;
    destination = "/${path}";
  };

  writeScript = name: text: writeTextFile { inherit name text; executable = true; };

  writeScriptBin = name: text: writeTextFile {
    inherit name text;
    executable = true;
    destination = "/bin/${name}";
  };

  writeShellScript = name: text: writeTextFile {
    inherit name;
    executable = true;
    text = ''
      #!${runtimeShell}
      ${text}
    '';
    checkPhase = ''
      ${stdenv.shell} -n $out
    '';
  };

  writeShellScriptBin = name: text: writeTextFile {
    inherit name;
    executable = true;
    destination = "/bin/${name}";
    text = ''
      #!${runtimeShell}
      ${text}
    '';
    checkPhase = ''
      ${stdenv.shell} -n $out/bin/${name}
    '';
  };

  # symlinkJoin: one tree of links to the files of every path in `paths`,
  # directories merged (the first path wins where two provide a file).
  symlinkJoin = args@{ name, paths, preferLocalBuild ? true, allowSubstitutes ? false, postBuild ? "", ... }:
    runCommand name
      (builtins.removeAttrs args [ "name" "postBuild" ] // {
        inherit preferLocalBuild allowSubstitutes;
        passAsFile = [ "paths" ];
        nativeBuildInputs = [ lndir ] ++ (args.nativeBuildInputs or [ ]);
      }) ''
      mkdir -p $out
      for i in $(cat $pathsPath); do
        lndir -silent $i $out
      done
      ${postBuild}
    '';

  # writeReferencesToFile: the closure of `path`, one store path a line.
  writeReferencesToFile = path: runCommand "runtime-deps"
    {
      exportReferencesGraph = [ "graph" path ];
    } ''
    touch $out
    while read p; do
      echo $p >> $out
      read deriver
      read count
      for ((i = 0; i < count; i++)); do read ref; done
    done < graph
  '';
}
