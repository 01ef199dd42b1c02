let xs = [ "a" "b" ]; in "${builtins.head xs}${builtins.elemAt xs 1}"
