builtins.replaceStrings ["ab" "a"] ["1" "2"] "aab ab a"
