let f = x: x; in (-a) f
