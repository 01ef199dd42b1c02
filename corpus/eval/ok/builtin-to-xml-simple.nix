builtins.toXML [ 1 "two" { three = 3; } ]
