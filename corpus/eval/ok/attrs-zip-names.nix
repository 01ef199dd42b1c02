builtins.zipAttrsWith (name: values: name + toString (builtins.length values)) [ { a = 1; b = 1; } { b = 2; c = 3; } { a = 0; } ]
