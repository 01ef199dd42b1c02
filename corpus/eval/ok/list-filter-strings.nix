builtins.filter (s: builtins.stringLength s > 1) [ "a" "bb" "" "ccc" ]
