({ ${"x"} = throw "v"; y = 1; }).y
