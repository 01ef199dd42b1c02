(s: with s; a + b) { a = 1; b = 2; }
