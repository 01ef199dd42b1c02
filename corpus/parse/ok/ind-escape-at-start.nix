''
  ''\tindented
    next
''
