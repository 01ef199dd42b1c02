builtins.toJSON { a = { outPath = "/out"; }; }
