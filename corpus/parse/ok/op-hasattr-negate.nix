s: -s ? a
