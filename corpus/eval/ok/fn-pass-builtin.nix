let apply = f: x: f x; in apply builtins.length [ 1 2 3 ]
