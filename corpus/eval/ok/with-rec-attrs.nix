with { x = 5; }; rec { y = x; z = y + 1; }
