builtins.fromJSON (builtins.toJSON { x = [ 1 2 { y = "z"; } ]; })
