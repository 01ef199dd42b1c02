builtins.toPath "/a/../b"
