[ (builtins.hashString "md5" "hello") (builtins.hashString "sha1" "") (builtins.hashString "sha256" "abc") (builtins.hashString "sha512" "x") ]
