let k = "k"; in { a.${k}.b = 1; ${k}.c = 2; }
