rec { x = 1; inherit (y) z; y = { z = x + 1; }; }
