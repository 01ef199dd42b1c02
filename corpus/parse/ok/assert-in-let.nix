let x = assert true; 1; in x
