[ (builtins.parseDrvName "firefox-bin-100.0") (builtins.parseDrvName "a-1b") (builtins.parseDrvName "hello-") ]
