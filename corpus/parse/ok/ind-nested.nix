let x = "X"; in ''
  outer ${''
    inner ${x}
  ''} done
''
