''
  it'''s '''quoted'''
''
