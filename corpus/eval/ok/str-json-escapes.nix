builtins.toJSON "tab\there \u0007 \u001f /slash ü"
