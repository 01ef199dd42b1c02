s: s.a or s.b or 3
