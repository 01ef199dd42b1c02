let
  inner = x: x + "text";
  middle = y: inner (y * 2);
  outer = { n }: { result = middle n; };
in (outer { n = 1; }).result
