let
  a = 1;
  b = ;
in a
