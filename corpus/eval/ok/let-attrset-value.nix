let s = { x = 1; y = 2; }; in s.x + s.y
