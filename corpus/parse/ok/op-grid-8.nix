f: g: s: f s.a or 0 + g s.b or 1 * 2
