let { a = let { body = 1; }; body = a; }
