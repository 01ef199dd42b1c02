let f = x: f x; g = f 1; in g
