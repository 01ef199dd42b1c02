with { inc = x: x + 1; dec = x: x - 1; }; [ (inc 1) (dec 1) ]
