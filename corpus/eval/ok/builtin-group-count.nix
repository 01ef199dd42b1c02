builtins.mapAttrs (k: v: builtins.length v) (builtins.groupBy (x: if x > 5 then "big" else "small") [ 1 6 2 7 8 ])
