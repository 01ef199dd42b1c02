# No trace, so no hint to use --show-trace.
(builtins.mapAttrs (n: v: throw "x") { a = 1; }).a
