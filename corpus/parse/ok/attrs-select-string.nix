s: s."a b".c
