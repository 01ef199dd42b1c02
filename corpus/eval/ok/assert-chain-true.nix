assert true; assert !false; assert 1 < 2; "passed"
