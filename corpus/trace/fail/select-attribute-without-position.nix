# An attribute with no position (mapAttrs makes none) is not named in the trace.
(builtins.mapAttrs (n: v: throw "x") { a = 1; }).a
