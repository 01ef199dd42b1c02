builtins.toJSON { outer = { inner = [ 1 { deep = true; } ]; }; }
