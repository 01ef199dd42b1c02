let map = x: x; or = 2; in map or [ 1 ]
