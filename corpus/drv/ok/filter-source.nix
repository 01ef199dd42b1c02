builtins.filterSource (p: t: t == "directory" || baseNameOf p == "a") ../data/dir
