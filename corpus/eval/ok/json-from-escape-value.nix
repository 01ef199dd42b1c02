# Escape sequences in values are printed as they are: only Nix's log
# messages (traces, errors) are filtered.
builtins.fromJSON "[\"\\u001b[1mbold\\u001b[0m\", \"a\\tb\\rc\\u0007\"]"
