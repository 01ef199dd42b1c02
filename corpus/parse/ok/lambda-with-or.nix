x: x.a or x
