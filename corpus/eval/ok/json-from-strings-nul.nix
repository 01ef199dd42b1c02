# A string value ends at its first NUL (Nix makes it from a C string); an
# attribute name keeps it. A repeated key keeps its last value; a UTF-8
# byte order mark before the value is skipped.
[
  (builtins.fromJSON "\"a\\u0000b\"")
  (builtins.stringLength (builtins.fromJSON "\"\\u0000\""))
  (builtins.fromJSON "{\"a\\u0000b\": 1}")
  (builtins.fromJSON "{\"a\": 1, \"a\": 2}")
  (builtins.fromJSON "﻿[1]")
  (builtins.fromJSON "\"\\ud83d\\ude00 \\u00e9 \\/\"")
  (builtins.fromJSON " \t\r\n{ \"\": [ ] } \r\n")
]
