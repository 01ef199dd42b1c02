builtins.fromJSON "\"tab\\t nl\\n quote\\\" slash\\/\""
