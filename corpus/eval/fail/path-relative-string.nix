builtins.readFile "relative"
