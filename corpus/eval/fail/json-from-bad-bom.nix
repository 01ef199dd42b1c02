# The start of a byte order mark, not completed.
builtins.fromJSON "ï»1"
