{ inherit (a
