let mk = import ./lib/mk.nix;
  dep = mk { name = "dep"; args = [ "-c" "echo dep > $out" ]; };
  top = mk { name = "top"; args = [ "-c" "echo ${dep} > $out" ]; };
in mk { name = "erg"; builder = "/bin/bash"; exportReferencesGraph = [ "graph" top "g2" dep ];
  args = [ "-c" "echo \"$(< graph)\" > $out; echo \"$(< g2)\" >> $out" ]; }
