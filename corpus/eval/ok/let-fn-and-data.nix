let data = [ 1 2 3 ]; double = x: x * 2; in builtins.map double data
