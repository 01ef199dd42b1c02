''
  "quoted" 'single'
''
