let x = 1; s = rec { y = x + 1; z = y + 1; }; in s.z
