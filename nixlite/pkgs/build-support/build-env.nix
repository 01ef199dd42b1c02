# buildEnv: one tree of links joining the files of many packages, under the
# chosen subdirectories only (`pathsToLink`). A directory that only one
# package provides is a single link to it; where several do it becomes a real
# directory of links. Two packages providing the same file is an error,
# unless the files are identical or `ignoreCollisions` is set.
{ lib, runCommand }:

{ name
, paths
, pathsToLink ? [ "/" ]
, extraPrefix ? ""
, postBuild ? ""
, ignoreCollisions ? false
, checkCollisionContents ? true
, extraOutputsToInstall ? [ ]
, nativeBuildInputs ? [ ]
, buildInputs ? [ ]
, passthru ? { }
, meta ? { }
, ...
}:

let
  # The outputs of each package that go in: its default one, plus those
  # named in extraOutputsToInstall that it has.
  outputsOf = pkg:
    [ pkg ] ++ builtins.concatMap
      (o: lib.optional (builtins.isAttrs pkg && pkg ? ${o}) pkg.${o})
      extraOutputsToInstall;
in
runCommand name
{
  inherit pathsToLink extraPrefix postBuild ignoreCollisions checkCollisionContents
    nativeBuildInputs buildInputs passthru meta;
  paths = lib.unique (builtins.concatMap outputsOf paths);
  passAsFile = [ "paths" ];
  preferLocalBuild = true;
  allowSubstitutes = false;
} ''
  source ${./build-env.sh}
''
