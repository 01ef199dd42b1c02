let x = "X"; in ''
  a
  ${x}''
