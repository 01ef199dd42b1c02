let k = "k"; in let ${k} = 1; in 1
