[ (builtins.isFunction builtins.add) (builtins.isString ./.) (builtins.isAttrs { __functor = s: s; }) (builtins.isList { }) (builtins.isBool null) ]
