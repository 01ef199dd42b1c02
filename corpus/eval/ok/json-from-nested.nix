builtins.fromJSON "{\"a\": {\"b\": [true, false, null]}}"
