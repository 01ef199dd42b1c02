{ a = { b = throw "deep"; }; }.a.b
