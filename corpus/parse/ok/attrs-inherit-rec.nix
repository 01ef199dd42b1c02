rec { a = 1; inherit (self) b; self = { b = a; }; }
