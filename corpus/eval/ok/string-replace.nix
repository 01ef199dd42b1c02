[ (builtins.replaceStrings ["a" "b"] ["A" "B"] "abcab") (builtins.replaceStrings ["" ] ["-"] "abc") (builtins.replaceStrings ["aa"] ["b"] "aaaaa") (builtins.replaceStrings ["x"] ["y"] "") ]
