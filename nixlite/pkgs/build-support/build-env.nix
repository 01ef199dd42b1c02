# buildEnv: one tree of links joining the files of many packages, under the
# chosen subdirectories only (`pathsToLink`). A directory that only one
# package provides is a single link to it; where several do it becomes a real
# directory of links. Where two packages provide the same file, the one of
# lower `meta.priority` wins; at equal priority it is an error, unless the
# files are identical or `ignoreCollisions` is set.
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
  chosen = lib.unique (builtins.concatMap outputsOf paths);
in
runCommand name
{
  inherit pathsToLink extraPrefix postBuild ignoreCollisions checkCollisionContents
    nativeBuildInputs buildInputs passthru meta;
  paths = chosen;
  # meta.priority of each (lower wins a collision; 5 by default).
  priorities = map (pkg: toString (if builtins.isAttrs pkg then pkg.meta.priority or 5 else 5)) chosen;
  passAsFile = [ "paths" ];
  preferLocalBuild = true;
  allowSubstitutes = false;
} ''
  source ${./build-env.sh}
''
