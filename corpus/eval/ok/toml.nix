builtins.fromTOML ''
  a = 1
  b = [1.5, true, "s"]
  "quoted key" = -3
  [c]
  d = "x"
  e.f = { g = 2 }
  [[h]]
  i = 2
  [[h]]
  i = 3
''
