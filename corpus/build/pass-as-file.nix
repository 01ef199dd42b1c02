let mk = import ./lib/mk.nix; in mk { name = "paf"; passAsFile = [ "text" ]; text = "line one\nline two";
  args = [ "-c" "while read -r l; do echo \"[$l]\"; done < $textPath > $out" ]; }
