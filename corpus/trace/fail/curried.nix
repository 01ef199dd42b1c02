let add = a: b: a + b; in { sum = add 1 "two"; }
