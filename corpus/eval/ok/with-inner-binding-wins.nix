let x = "outer"; in with { x = "with"; }; let y = x; in y
