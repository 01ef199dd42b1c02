''first
    second
  ''
