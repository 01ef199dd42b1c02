let s = "hello"; n = builtins.stringLength s; in builtins.concatStringsSep "" (builtins.genList (i: builtins.substring (n - i - 1) 1 s) n)
