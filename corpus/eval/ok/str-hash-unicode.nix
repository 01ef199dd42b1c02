builtins.hashString "md5" "ünïcödé"
