let s = {
  a.b = 1;
}; in [ (builtins.unsafeGetAttrPos "a" s).line (builtins.unsafeGetAttrPos "b" s.a).column ]
