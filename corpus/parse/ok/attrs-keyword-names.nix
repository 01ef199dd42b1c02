{ "let" = 1; "if" = 2; "then" = 3; x."in" = 4; "inherit" = 5; "or" = 6; "a b" = 7; }
