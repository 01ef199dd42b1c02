let s = { t = { u = 1; }; }; in { inherit (s.t) u; }
