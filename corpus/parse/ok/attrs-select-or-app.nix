s: f: f s.a or 1 2
