# Small combinators and conveniences that every other part of the library (and
# most package expressions) lean on: identity and composition, booleans and
# arithmetic helpers, functions with declared arguments, warnings and
# conditional errors, reading JSON/TOML files, and the release strings.
{ lib }:

let
  inherit (builtins) fromJSON readFile trace foldl' div getEnv elem;

  # The escape character, for coloured warnings (Nix strings have no \e).
  esc = fromJSON "\"\\u001b\"";
in
rec {

  # -- functions -------------------------------------------------------------

  id = x: x;

  const = x: _: x;

  flip = f: a: b: f b a;

  # Feed `x` through the functions of `fs`, first to last.
  pipe = x: fs: foldl' (acc: f: f acc) x fs;

  concat = x: y: x ++ y;

  mergeAttrs = x: y: x // y;

  # `f x`, unless x is null.
  mapNullable = f: x: if x == null then null else f x;

  # Anything callable: a lambda or a set with __functor.
  isFunction = f: builtins.isFunction f || (f ? __functor && isFunction (f.__functor f));

  # The formal arguments of a function (a functor's `__functionArgs` if it
  # declares them), as builtins.functionArgs reports them.
  functionArgs = f:
    if f ? __functor
    then f.__functionArgs or (functionArgs (f.__functor f))
    else builtins.functionArgs f;

  # A functor behaving as `f` that reports `args` as its formal arguments.
  setFunctionArgs = f: args: {
    __functor = _: f;
    __functionArgs = args;
  };

  # `g`, reporting the formal arguments of `f`.
  mirrorFunctionArgs = f: g: setFunctionArgs g (functionArgs f);

  # A function as is; any other value v as the constant function returning v.
  toFunction = v: if isFunction v then v else _: v;

  # -- booleans and numbers --------------------------------------------------

  or = x: y: x || y;
  and = x: y: x && y;
  xor = x: y: (!x) != (!y);

  inherit (builtins) bitAnd bitOr bitXor;
  bitNot = builtins.sub (-1);

  boolToString = b: if b then "true" else "false";

  min = x: y: if x < y then x else y;
  max = x: y: if x > y then x else y;

  # The remainder of integer division, with the sign of the dividend (as C's %).
  mod = base: int: base - int * (div base int);

  # -1, 0 or 1 as a is less than, equal to or greater than b.
  compare = a: b: if a < b then -1 else if a > b then 1 else 0;

  # Order values satisfying `p` before the others; two values on the same side
  # are compared with `yes` (both satisfy p) or `no` (neither does).
  splitByAndCompare = p: yes: no: a: b:
    if p a
    then (if p b then yes a b else -1)
    else (if p b then 1 else no a b);

  # The digits of a non-negative integer in the given base, most significant first.
  toBaseDigits = base: i:
    assert base >= 2;
    assert i >= 0;
    let
      step = acc:
        if acc.n < base then [ acc.n ] ++ acc.ds
        else step { n = div acc.n base; ds = [ (mod acc.n base) ] ++ acc.ds; };
    in step { n = i; ds = [ ]; };

  toHexString = i:
    let digit = d: builtins.elemAt [ "0" "1" "2" "3" "4" "5" "6" "7" "8" "9" "A" "B" "C" "D" "E" "F" ] d;
    in builtins.concatStringsSep "" (map digit (toBaseDigits 16 i));

  inherit (builtins)
    add sub mul div lessThan seq deepSeq typeOf
    isInt isBool isFloat isString isList isAttrs isPath
    pathExists readFile;

  # -- files -----------------------------------------------------------------

  importJSON = path: fromJSON (readFile path);

  importTOML = path: builtins.fromTOML (readFile path);

  # -- messages --------------------------------------------------------------

  # Print a warning (in red, when stderr is a terminal) and continue with the
  # next argument. With NIX_ABORT_ON_WARN set to 1/true/yes, abort instead.
  warn =
    let shout = msg: trace "${esc}[1;31mwarning: ${msg}${esc}[0m";
    in if elem (getEnv "NIX_ABORT_ON_WARN") [ "1" "true" "yes" ]
    then msg: shout msg (abort "NIX_ABORT_ON_WARN=true; warnings are treated as unrecoverable errors.")
    else shout;

  warnIf = cond: msg: if cond then warn msg else id;
  warnIfNot = cond: msg: if cond then id else warn msg;

  info = msg: trace "INFO: ${msg}";

  # Print each warning of the list, then return `res`.
  showWarnings = warnings: res: lib.lists.foldr warn res warnings;

  throwIf = cond: msg: if cond then throw msg else id;
  throwIfNot = cond: msg: if cond then id else throw msg;

  # Throw unless every element of `given` is among `valid`.
  checkListOfEnum = msg: valid: given:
    let unexpected = lib.lists.subtractLists valid given;
    in throwIfNot (unexpected == [ ])
      "${msg}: ${builtins.concatStringsSep ", " (map toString unexpected)} unexpected; valid ones: ${builtins.concatStringsSep ", " (map toString valid)}";

  # -- the release -----------------------------------------------------------

  release = "22.05";
  codeName = "Quokka";
  versionSuffix = "";
  version = release + versionSuffix;
}
