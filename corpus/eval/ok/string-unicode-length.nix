builtins.stringLength "héllo ☃"
