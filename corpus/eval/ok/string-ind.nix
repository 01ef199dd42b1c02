let x = 1; in ''
  line ${toString x}
    indented
''
