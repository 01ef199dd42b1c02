''
  ''${x} and $y and ''$
''
