builtins.substring "a" 1 "abc"
