let k = "x"; in builtins.hasAttr k { x = 1; }
