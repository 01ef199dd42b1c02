let s = "héllo wörld ☃"; in [
  (builtins.stringLength s)
  (builtins.substring 0 2 s)
  (builtins.substring 1 2 s)
  (builtins.replaceStrings [ "ö" ] [ "o" ] s)
  (builtins.hashString "sha256" s)
  (builtins.toJSON s)
  (builtins.match "h(.*)o.*" s)
]
