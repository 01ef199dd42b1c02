# toJSON reports a value it cannot convert at the attribute holding it (lists
# pass their attribute's position on), with the trace there too.
builtins.toJSON {
  a = [
    { b = 1; c = [ builtins.head ]; }
  ];
}
