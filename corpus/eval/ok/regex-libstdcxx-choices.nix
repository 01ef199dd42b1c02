[
  (builtins.split "(a*)(ab)?" "aab")
  (builtins.split "(a|b)*" "abab c")
  (builtins.match "(a|ab)*c" "ababc")
  (builtins.split "(ab|a)(bc|c)?" "abc")
  (builtins.match "((a)|(b))+" "ab")
  (builtins.split "a{1,2}" "aaaaa")
  (builtins.match "(a?)+" "aa")
  (builtins.split "(x*)(y*)" "xxyy-y")
  (builtins.match "(a|b|ab|ba)+" "abab")
  (builtins.split "(a|ab)(c|bcd)?" "abcd abc")
]
