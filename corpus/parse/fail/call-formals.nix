let f = x: x; in f { a, b }: 1
