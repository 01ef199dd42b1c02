builtins.filter builtins.isString (builtins.split " " "the quick brown fox")
