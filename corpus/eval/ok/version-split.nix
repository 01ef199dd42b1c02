[ (builtins.splitVersion "1.2.3") (builtins.splitVersion "2.3pre1-foo") (builtins.splitVersion "") (builtins.splitVersion "1..2") ]
