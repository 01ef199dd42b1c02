let s = { __toString = s: "ts"; }; in "${s}!"
