let x = "X"; in ''
    ${x}
  b
''
