let x = 1; in "n=${toString (x + 1)}"
