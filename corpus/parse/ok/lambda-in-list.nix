[ (x: x) (y: y) ]
