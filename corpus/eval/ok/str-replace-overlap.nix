builtins.replaceStrings [ "aa" "a" ] [ "b" "c" ] "aaa"
