[
  (builtins.split "(a|ab)" "xabx")
  (builtins.split "a*" "baaac")
  (builtins.split "," "a,b,,c")
  (builtins.split "(x)|(y)" "axbyc")
  (builtins.split "" "abc")
  (builtins.split "x*" "")
  (builtins.split "[[:space:]]+" " a  b\tc ")
  (builtins.split "(-)" "a-b")
  (builtins.split "/" "/usr/bin/")
]
