''
      deep
  shallow
    mid
''
