builtins.length [ 1 ] + (builtins.head [ (throw "inner") ])
