let mk = import ./lib/mk.nix; dep = mk { name = "dep"; args = [ "-c" "echo dep > $out" ]; }; in
mk { name = "sa"; builder = "/bin/bash"; __structuredAttrs = true; outputs = [ "out" "dev" ];
  list = [ 1 "a" true ]; nested = { x = 1.5; d = dep; }; exportReferencesGraph = { graph = dep; };
  args = [ "-c" "source .attrs.sh; echo \"$(< .attrs.json)$(< .attrs.sh)\" > ${builtins.placeholder "out"}; echo dev > ${builtins.placeholder "dev"}" ]; }
