# A package function for the callPackage cases: `a` and `b` come from the
# package set, `c` has a default, `needed` must be given.
{ a, b ? 2, c ? 3, needed }:
{ sum = a + b + c + needed; }
