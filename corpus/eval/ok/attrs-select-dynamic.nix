let s = { foo = 1; }; k = "foo"; in [ s.${k} s."foo" s.${"f" + "oo"} ]
