[ (builtins.splitVersion "1.2.3pre4") (builtins.splitVersion "abc") (builtins.splitVersion "1-2-3") ]
