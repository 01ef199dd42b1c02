{ b, a }@a: a
