builtins.toJSON { a = 1; b = [ true null "s\n\"" ]; c = { d = 1.5; }; e = "\u0001"; }
