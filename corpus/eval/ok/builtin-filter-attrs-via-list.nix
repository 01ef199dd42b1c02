builtins.listToAttrs (builtins.filter (p: p.value > 1) (builtins.map (n: { name = n; value = builtins.stringLength n; }) [ "a" "bb" "ccc" ]))
