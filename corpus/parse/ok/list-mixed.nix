[ 1 "two" 3.0 ./four { five = 5; } [ 6 ] (7) null ]
