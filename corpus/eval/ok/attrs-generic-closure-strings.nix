builtins.genericClosure { startSet = [ { key = "a"; } ]; operator = x: if x.key == "a" then [ { key = "b"; } { key = "c"; } ] else if x.key == "b" then [ { key = "a"; } ] else [ ]; }
