# Fixed points and overlays: package sets are defined as functions of their
# own final value (`self: { ... }`), and extended by functions of the final
# and the previous value (`final: prev: { ... }`). This file ties such knots
# and layers such extensions. It needs nothing else from the library, so
# default.nix can use it to build the library itself.
{ lib }:

rec {

  # The value x with x == f x (as long as f does not force its argument).
  fix = f: let x = f x; in x;

  # As fix, recording `f` in the result (as `__unfix__`) so it can be re-tied.
  fix' = f: let x = f x // { __unfix__ = f; }; in x;

  # Apply f until the value stops changing.
  converge = f: x:
    let y = f x;
    in if y == x then x else converge f y;

  # The self-referential set `rattrs` with the extension `f` layered on top:
  # f sees the final set and the set before it was applied.
  extends = f: rattrs: self:
    let prev = rattrs self;
    in prev // f self prev;

  # One extension doing f, then g (g sees f's changes in its `prev`).
  composeExtensions = f: g: final: prev:
    let
      fromF = f final prev;
      fromG = g final (prev // fromF);
    in fromF // fromG;

  # All the extensions of the list, first to last.
  composeManyExtensions = builtins.foldl' composeExtensions (_: _: { });

  # fix' of rattrs, with an `extend` function that adds an extension and
  # returns a new extensible set.
  makeExtensible = makeExtensibleWithCustomName "extend";

  makeExtensibleWithCustomName = extenderName: rattrs:
    fix' (self: rattrs self // {
      ${extenderName} = f: makeExtensibleWithCustomName extenderName (extends f rattrs);
    });

  # An extension made from a set (replacing those attributes), a function of
  # `prev`, or a full `final: prev:` extension.
  toExtension = f:
    if lib.trivial.isFunction f then
      final: prev:
        let fPrev = f prev;
        in if lib.trivial.isFunction fPrev then f final prev else fPrev
    else _: _: f;
}
