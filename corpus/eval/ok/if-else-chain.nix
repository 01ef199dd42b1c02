let f = n: if n == 1 then "one" else if n == 2 then "two" else "many"; in builtins.map f [ 1 2 3 ]
