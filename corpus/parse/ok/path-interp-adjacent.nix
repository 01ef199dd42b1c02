let x = "b"; y = "c"; in ./a/${x}${y}
