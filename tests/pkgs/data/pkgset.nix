# A function returning two packages, for callPackagesWith.
{ a, b ? 10 }:
{ one = { v = a; }; two = { v = a + b; }; }
