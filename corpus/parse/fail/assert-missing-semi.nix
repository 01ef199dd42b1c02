assert true
