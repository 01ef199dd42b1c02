builtins.map (x: (builtins.tryEval x).success) [ 1 (throw "no") (assert false; 2) ]
