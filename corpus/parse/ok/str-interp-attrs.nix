let a = { b = "c"; }; in "${a.b}-${a.b or "d"}"
