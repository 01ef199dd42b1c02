let f = { __functor = self: x: y: x + y + self.base; base = 100; }; in f 1 2
