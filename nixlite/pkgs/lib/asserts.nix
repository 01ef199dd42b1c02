# Assertions with a message: plain `assert` only says "assertion failed", so
# these throw a message saying what was wrong instead (and are `true`
# otherwise, to be used as `assert assertMsg cond "..."; ...`).
{ lib }:

rec {

  assertMsg = pred: msg: pred || builtins.throw msg;

  # `val` (the value of the option `name`) must be one of `xs`.
  assertOneOf = name: val: xs:
    assertMsg (builtins.elem val xs)
      "${name} must be one of ${lib.generators.toPretty { } xs}, but is: ${lib.generators.toPretty { } val}";

  # Every element of `vals` (the value of the option `name`) must be one of `xs`.
  assertEachOneOf = name: vals: xs:
    assertMsg (builtins.all (val: builtins.elem val xs) vals)
      "each element in ${name} must be one of ${lib.generators.toPretty { } xs}, but is: ${lib.generators.toPretty { } vals}";
}
