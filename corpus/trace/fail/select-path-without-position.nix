# A path of several attributes, the last with no position.
{ s = builtins.mapAttrs (n: v: throw "x") { a = 1; }; }.s.a
