[ (builtins.stringLength "") (builtins.stringLength "abc") ]
