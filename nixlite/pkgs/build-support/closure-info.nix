# closureInfo { rootPaths }: facts about the closure of some store paths, for
# builders that make stores of their own (images, VMs):
#   registration    what `nix-store --load-db` reads to register the paths
#   store-paths     every path of the closure, one a line
#   total-nar-size  the sum of their NAR sizes
{ lib, runCommand, jq }:

{ rootPaths }:

runCommand "closure-info"
{
  __structuredAttrs = true;
  exportReferencesGraph.closure = rootPaths;
  preferLocalBuild = true;
  nativeBuildInputs = [ jq ];
} ''
  out=''${outputs[out]}
  mkdir $out
  jq -r '.closure | map(.narSize) | add // 0' < .attrs.json > $out/total-nar-size
  jq -r '.closure | sort_by(.path) | .[] | .path' < .attrs.json > $out/store-paths
  # Per path: its path, NAR hash, NAR size, deriver (left empty), the number
  # of references, then the references.
  jq -r '.closure | sort_by(.path) | .[] | .path, .narHash, .narSize, "", (.references | length), .references[]' \
    < .attrs.json > $out/registration
''
