let
  esc = builtins.fromJSON "\"\\u001b\"";
in
abort "${esc}[1mbold${esc}[0m\tafter a tab"
