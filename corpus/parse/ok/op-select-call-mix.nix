f: s: f s.a.b s.c
