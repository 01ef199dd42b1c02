# The error gives the line and column the JSON library reached, and what it
# read since the start of the last string or number.
builtins.fromJSON ''
  {
    "a": [1, 2],
    "b": {"c": tru }
  }
''
