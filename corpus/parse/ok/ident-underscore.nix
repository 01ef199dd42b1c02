let _x = 1; __y = _x; x_1 = __y; in x_1
