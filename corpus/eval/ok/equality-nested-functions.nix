let f = x: x; s = { g = f; }; in [ (s == s) ({ g = f; } == { g = f; }) ]
