{ p = ./some/dir; }
