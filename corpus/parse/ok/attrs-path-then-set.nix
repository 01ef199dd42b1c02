{ a.y = 2; a = rec { x = 1; }; }
