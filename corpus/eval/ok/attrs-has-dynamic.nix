let s = { foo = { bar = 1; }; }; k = "foo"; in [ (s ? ${k}) (s ? ${k}.bar) (s ? "foo") ]
