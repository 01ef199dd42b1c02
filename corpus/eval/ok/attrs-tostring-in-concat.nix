let s = { __toString = self: "S"; }; in "pre" + s
