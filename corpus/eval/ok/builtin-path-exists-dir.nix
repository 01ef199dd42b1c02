builtins.pathExists ./.
