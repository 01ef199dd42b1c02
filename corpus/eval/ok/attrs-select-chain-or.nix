let s = { a = { b = null; }; }; in [ (s.a.b or "d") (s.a.c or "d") ]
