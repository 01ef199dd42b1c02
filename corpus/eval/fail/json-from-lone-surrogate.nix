builtins.fromJSON "\"\\ud800\\u0041\""
