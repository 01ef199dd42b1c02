builtins.replaceStrings [ "cat" "dog" ] [ "dog" "cat" ] "cat dog cat"
