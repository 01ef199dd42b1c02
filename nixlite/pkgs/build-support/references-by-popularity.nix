# referencesByPopularity PATH: the closure of PATH, one store path a line,
# most depended-upon first (see references-by-popularity.py), so that image
# layers built in this order share the most with other images.
{ runCommand, python3 }:

path:
runCommand "closure-paths"
{
  __structuredAttrs = true;
  exportReferencesGraph.graph = path;
  preferLocalBuild = true;
  nativeBuildInputs = [ python3 ];
} ''
  python3 ${./references-by-popularity.py} .attrs.json graph > ''${outputs[out]}
''
