let p = { a = ./x; }; in p.a
