''
  don't 'x' y'
''
