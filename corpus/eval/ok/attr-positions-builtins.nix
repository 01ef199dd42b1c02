# Which builtins' sets carry the positions of their attributes.
let
  s = { a = 1; b = 2; };
  pos = name: set: builtins.unsafeGetAttrPos name set;
in
[
  (pos "a" (builtins.mapAttrs (name: value: value) s))
  (pos "a" (builtins.listToAttrs [ { name = "a"; value = 1; } ]))
  (pos "a" (builtins.listToAttrs [ { value = 1; name = "a"; } { name = "a"; value = 2; } ]))
  (pos "a" (builtins.intersectAttrs { a = 0; } s))
  (pos "a" (builtins.removeAttrs s [ "b" ]))
  (pos "a" (s // { c = 1; }))
  (pos "a" (builtins.zipAttrsWith (name: values: values) [ s ]))
  (pos "a" (builtins.fromJSON "{\"a\": 1}"))
]
