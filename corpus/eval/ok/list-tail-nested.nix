builtins.tail (builtins.tail [ 1 2 3 4 ])
