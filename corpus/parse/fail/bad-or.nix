s: s.a or
