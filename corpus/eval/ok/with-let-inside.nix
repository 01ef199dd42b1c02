with { a = 1; }; let b = a + 1; in b
