# Where a string with context is fine: matched or split text, hashed text,
# replacements, and names once the context is discarded.
let
  drv = derivation { name = "d"; system = "s"; builder = "b"; };
  s = "${drv}";
  plain = builtins.unsafeDiscardStringContext s;
in
[
  (builtins.match ".*-(d)" s)
  (builtins.split "-" s)
  (builtins.hashString "sha256" s)
  (builtins.replaceStrings [ "d" ] [ s ] "d")
  (builtins.substring 0 11 s)
  (builtins.concatStringsSep s [ "a" "b" ])
  (builtins.getAttr plain { ${plain} = 1; })
  (builtins.hasAttr plain { })
  (builtins.parseDrvName plain)
  (builtins.fromJSON (builtins.unsafeDiscardStringContext (builtins.toJSON { path = drv; })))
]
