s: s.
