builtins.path { path = ../data/file.txt; recursive = false; sha256 = builtins.hashFile "sha256" ../data/file.txt; }
