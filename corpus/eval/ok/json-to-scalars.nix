[ (builtins.toJSON 1) (builtins.toJSON "x") (builtins.toJSON null) (builtins.toJSON [ ]) (builtins.toJSON { }) ]
