let x = "b"; y = "d"; in "${x}${y}"
