let s = { x = 1; }; in with s; x + 1
