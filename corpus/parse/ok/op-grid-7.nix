a: b: c: d: a <= b && c >= d || a == d -> b != c
