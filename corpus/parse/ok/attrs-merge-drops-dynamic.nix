let k = "k"; in { a = { x = 1; }; a = { ${k} = 2; y = 3; }; }
