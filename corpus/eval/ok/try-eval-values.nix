[ (builtins.tryEval 1).value (builtins.tryEval (throw "x")).value (builtins.tryEval [ (throw "lazy") ]).success ]
