builtins.length (builtins.genList (i: throw "lazy ${toString i}") 5)
