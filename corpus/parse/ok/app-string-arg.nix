let f = x: x; in f "s" ''t''
