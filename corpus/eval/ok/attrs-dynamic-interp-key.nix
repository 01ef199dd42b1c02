let n = 3; in { "key${toString n}" = n; }
