builtins.genList (i: "item${toString i}") 3
