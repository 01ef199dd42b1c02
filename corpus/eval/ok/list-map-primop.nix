builtins.map builtins.typeOf [ 1 "s" [ ] { } null ]
