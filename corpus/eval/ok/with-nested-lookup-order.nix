with { a = "outer"; }; with { b = "inner"; }; a + b
