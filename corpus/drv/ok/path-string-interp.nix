"${../data/file.txt}"
