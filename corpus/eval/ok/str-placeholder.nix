[ (builtins.placeholder "out") (builtins.placeholder "dev") (builtins.placeholder "") ]
