# A byte that is not UTF-8 inside a JSON string.
builtins.fromJSON "\"café\""
