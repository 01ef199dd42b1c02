''
  $HOME and $out
''
