rec { even = n: n == 0 || odd (n - 1); odd = n: n != 0 && even (n - 1); r = [ (even 4) (odd 4) ]; }.r
