let s = { a = { b = { c = 42; }; }; }; in s.a.b.c
