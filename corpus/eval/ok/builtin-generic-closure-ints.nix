builtins.map (x: x.key) (builtins.genericClosure { startSet = [ { key = 0; } ]; operator = x: if x.key < 6 then [ { key = x.key + 2; } ] else [ ]; })
