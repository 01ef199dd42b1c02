[ (builtins.readFile ../data/file.txt) (builtins.pathExists ../data/link) (builtins.hashFile "sha1" ../data/file.txt) ]
