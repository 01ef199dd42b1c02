builtins.toJSON { __toString = s: "ts"; }
