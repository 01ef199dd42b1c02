x-scheme+1.0:a%20b/c?d:e@f&g=h+i$j,k-l_m.n!o~p*q'r
