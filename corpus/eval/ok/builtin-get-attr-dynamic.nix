let k = "y"; in builtins.getAttr k { y = 42; }
