builtins.length (builtins.map (x: throw "lazy") [ 1 2 ])
