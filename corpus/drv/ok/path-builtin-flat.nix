builtins.path { path = ../data/file.txt; recursive = false; }
