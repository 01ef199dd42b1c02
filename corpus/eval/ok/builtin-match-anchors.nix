[ (builtins.match "^a.*z$" "abcz") (builtins.match ".*(b).*" "abc") ]
