let x = "b"; in "a${"b${x}c"}d"
