builtins.map (xs: builtins.map (x: x + 1) xs) [ [ 1 2 ] [ ] [ 3 ] ]
