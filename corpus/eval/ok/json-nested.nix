builtins.toJSON [ [ ] { } [ { a = [ 1 ]; } ] ]
