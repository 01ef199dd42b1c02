builtins.toXML {
  a = 1;
  b = [ true null "s<&>\"\nline" 1.5 ./x 0.1 1.0e10 ];
  c = x: x;
  d = { y, z ? 1, ... }@w: y;
  e = builtins.map;
  f = { type = "derivation"; drvPath = "/d"; outPath = "/o"; x = 1; };
  g = { ... }: 1;
  h = let s = { x = 1; }; in [ s s ];
}
