let s = {}; in { inherit; inherit (s); }
