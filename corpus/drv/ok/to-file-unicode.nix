builtins.toFile "u.txt" "ünïcode ☃"
