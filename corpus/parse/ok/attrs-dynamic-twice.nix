let k = "k"; in { ${k} = 1; ${k} = 2; }
