(builtins.readDir ./.)."builtin-read-dir-self.nix"
