builtins.getContext "${../data/file.txt}"
