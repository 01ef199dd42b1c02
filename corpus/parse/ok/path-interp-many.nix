let x = "b"; y = "d"; in /a/${x}/c/${y}
