rec { a = 1; b = { c = a + 1; d = b.c * 2; }; }
