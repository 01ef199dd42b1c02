builtins.baseNameOf ../.
