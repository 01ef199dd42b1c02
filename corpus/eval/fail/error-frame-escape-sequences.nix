# The code frame goes through the same filter.
let x = { a = 1; }; in x.b # [1mbold[0m then no tab (a tab would expand by the length of the path before it)
