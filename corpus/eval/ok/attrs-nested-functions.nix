let s = { f = { g = x: x * 3; }; }; in s.f.g 3
