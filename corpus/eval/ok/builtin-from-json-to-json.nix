builtins.toJSON (builtins.fromJSON "{\"b\":1,\"a\":[true,null]}")
