builtins.stringLength "a\nb\tc"
