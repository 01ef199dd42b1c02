# functionArgs' set carries the position of each formal (where its name is
# written), as unsafeGetAttrPos shows; names that are no formal have none.
let
  f = { a,
    b ? 1, c
      ? 2, ... }: a;
  g = args@{ d }: d;
  h = { e }@args: e;
  pos = fn: name: builtins.unsafeGetAttrPos name (builtins.functionArgs fn);
in
[
  (pos f "a")
  (pos f "b")
  (pos f "c")
  (pos f "z")
  (pos g "d")
  (pos h "e")
  (pos (x: x) "x")
  (builtins.functionArgs f)
]
