# Nix's logger removes escape sequences, CR and BEL from the messages it
# writes (stderr not being a terminal), and expands tabs.
let
  esc = builtins.fromJSON "\"\\u001b\"";
  bel = builtins.fromJSON "\"\\u0007\"";
in
throw "${esc}[1;31mred${esc}[0m ${esc}]0;title${bel} ${esc}(B ${esc}M ${esc}[?25l ${esc}[ 1m a\rb\tc é\td ${esc}"
