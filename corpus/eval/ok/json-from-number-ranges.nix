# Digits alone are read as an unsigned 64-bit number and stored in Nix's
# signed integer (2^63 and above wrap around); with a minus sign as a signed
# one; numbers outside those ranges, and any with a fraction or exponent,
# as floats.
map builtins.fromJSON [
  "9223372036854775807"
  "9223372036854775808"
  "18446744073709551615"
  "18446744073709551616"
  "99999999999999999999"
  "-9223372036854775808"
  "-9223372036854775809"
  "-12345678901234567890123"
  "-0"
  "-0.0"
  "1E2"
  "1.0"
  "0.5e3"
  "1e-400"
  "1.7976931348623157e308"
  "[1, -1, 1.5]"
]
