# The name of a file written to the store may not refer to a store path.
builtins.toFile "${builtins.toFile "a" "x"}" "y"
