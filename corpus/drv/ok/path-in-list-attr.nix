let mk = attrs: derivation ({ builder = "/bin/sh"; system = "x86_64-linux"; } // attrs); in mk { name = "plist"; srcs = [ ../data/file.txt ../data/script.sh ]; }
