# Cases for nixlite's lib (nixlite/pkgs/lib): `name = { expr; expected; }`.
# A case passes when expr == expected. Expected values follow nixpkgs' lib
# documentation (its examples where it gives them) and semantics. Every expr
# evaluates to plain data (no functions, no paths), so the cases can be
# printed as JSON and compared between nixlite and real Nix.
let
  lib = import ../../nixlite/pkgs/lib;

  # Two small derivations (never built: only their paths are used).
  mkDrv = attrs: derivation ({ system = "x86_64-linux"; builder = "/bin/sh"; } // attrs);
  single = mkDrv { name = "single-1.0"; };
  multi = mkDrv { name = "multi-2.3"; outputs = [ "out" "bin" "lib" "dev" ]; };

  fails = e: !(builtins.tryEval e).success;

  # The argument set a function value reports, for the function-valued cases.
  argsOf = lib.functionArgs;

  pkgSet = { a = 1; b = 20; extra = true; };
  callPackage = lib.callPackageWith pkgSet;
in
with lib;
{
  # == trivial ================================================================

  id = { expr = id 5; expected = 5; };
  const = { expr = const 1 2; expected = 1; };
  flip = { expr = flip concat [ 1 ] [ 2 ]; expected = [ 2 1 ]; };
  pipe = { expr = pipe 2 [ (x: x + 2) (x: x * 4) ]; expected = 16; };
  pipe-empty = { expr = pipe "x" [ ]; expected = "x"; };
  concat = { expr = concat [ 1 2 ] [ 3 ]; expected = [ 1 2 3 ]; };
  or = { expr = [ (trivial.or false true) (trivial.or false false) ]; expected = [ true false ]; };
  and = { expr = [ (trivial.and true true) (trivial.and true false) ]; expected = [ true false ]; };
  xor = { expr = map (p: xor p.a p.b) [ { a = true; b = true; } { a = true; b = false; } { a = false; b = false; } ]; expected = [ false true false ]; };
  bits = { expr = [ (bitAnd 12 10) (bitOr 12 10) (bitXor 12 10) (bitNot 0) (bitNot 5) ]; expected = [ 8 14 6 (-1) (-6) ]; };
  boolToString = { expr = [ (boolToString true) (boolToString false) ]; expected = [ "true" "false" ]; };
  mergeAttrs = { expr = mergeAttrs { a = 1; b = 2; } { b = 3; c = 4; }; expected = { a = 1; b = 3; c = 4; }; };
  mapNullable = { expr = [ (mapNullable (x: x + 1) null) (mapNullable (x: x + 1) 22) ]; expected = [ null 23 ]; };
  min-max = { expr = [ (min 1 2) (min 3 (-1)) (max 1 2) (max "a" "b") ]; expected = [ 1 (-1) 2 "b" ]; };
  mod = { expr = [ (mod 11 10) (mod 1 10) (mod (-7) 3) (mod 9 3) ]; expected = [ 1 1 (-1) 0 ]; };
  compare = { expr = [ (compare 1 2) (compare 2 2) (compare "b" "a") ]; expected = [ (-1) 0 1 ]; };
  splitByAndCompare = {
    expr = sort (a: b: splitByAndCompare (hasPrefix "foo") compare compare a b < 0) [ "b" "fooB" "a" "fooA" ];
    expected = [ "fooA" "fooB" "a" "b" ];
  };
  toBaseDigits = { expr = [ (toBaseDigits 2 6) (toBaseDigits 10 0) (toBaseDigits 16 255) ]; expected = [ [ 1 1 0 ] [ 0 ] [ 15 15 ] ]; };
  toHexString = { expr = [ (toHexString 250) (toHexString 0) (toHexString 4096) ]; expected = [ "FA" "0" "1000" ]; };
  arithmetic = { expr = [ (add 1 2) (sub 5 7) (mul 3 4) (div 7 2) (lessThan 1 2) ]; expected = [ 3 (-2) 12 3 true ]; };
  type-predicates = {
    expr = [ (isInt 1) (isInt 1.0) (isBool false) (isFloat 1.5) (isString "s") (isList [ ]) (isAttrs { }) (isPath ./.) (isPath "/x") ];
    expected = [ true false true true true true true true false ];
  };
  typeOf = { expr = map typeOf [ 1 "s" null { } ]; expected = [ "int" "string" "null" "set" ]; };
  seq = { expr = seq 1 2; expected = 2; };
  trace = { expr = trace "traced by lib_cases.nix" 1; expected = 1; };
  addErrorContext = { expr = addErrorContext "while testing" 1; expected = 1; };
  genericClosure = {
    expr = map (x: x.key) (genericClosure { startSet = [ { key = 1; } ]; operator = x: if x.key < 4 then [ { key = x.key * 2; } { key = x.key + 1; } ] else [ ]; });
    expected = [ 1 2 4 3 6 ];
  };
  storeDir = { expr = [ (storeDir == builtins.storeDir) strings.storeDir ]; expected = [ true builtins.storeDir ]; };
  seq-forces = { expr = fails (seq (throw "x") 2); expected = true; };
  deepSeq-forces = { expr = fails (deepSeq { a = [ (throw "x") ]; } 1); expected = true; };
  isFunction = {
    expr = [ (isFunction (x: x)) (isFunction { __functor = self: x: x; }) (isFunction { }) (isFunction 1) (isFunction map) ];
    expected = [ true true false false true ];
  };
  functionArgs = { expr = functionArgs ({ a, b ? 1 }: a); expected = { a = false; b = true; }; };
  functionArgs-plain = { expr = functionArgs (x: x); expected = { }; };
  functionArgs-functor = { expr = functionArgs { __functor = self: { x }: x; }; expected = { x = false; }; };
  setFunctionArgs = {
    expr = let f = setFunctionArgs (args: args.x * 2) { x = false; }; in [ (f { x = 21; }) (functionArgs f) (isFunction f) ];
    expected = [ 42 { x = false; } true ];
  };
  mirrorFunctionArgs = {
    expr = let f = mirrorFunctionArgs ({ a, b ? 2 }: null) (args: args.a); in [ (f { a = 7; }) (functionArgs f) ];
    expected = [ 7 { a = false; b = true; } ];
  };
  toFunction = { expr = [ (toFunction 5 null) (toFunction (x: x + 1) 5) ]; expected = [ 5 6 ]; };
  importJSON = { expr = importJSON ./data/sample.json; expected = { name = "hello"; version = [ 1 2 ]; ok = true; }; };
  importTOML = { expr = importTOML ./data/sample.toml; expected = { title = "x"; owner = { name = "me"; ids = [ 1 2 ]; }; }; };
  readFile = { expr = readFile ./data/text.txt; expected = "first line\nsecond line\n"; };
  pathExists = { expr = [ (pathExists ./data/text.txt) (pathExists ./data/missing) ]; expected = [ true false ]; };
  warn = { expr = warn "this is a warning from lib_cases.nix" 42; expected = 42; };
  warnIf = { expr = [ (warnIf false "never shown" 1) (warnIf true "shown by warnIf" 2) ]; expected = [ 1 2 ]; };
  warnIfNot = { expr = [ (warnIfNot true "never shown" 1) (warnIfNot false "shown by warnIfNot" 2) ]; expected = [ 1 2 ]; };
  info = { expr = info "an info message" "ok"; expected = "ok"; };
  showWarnings = { expr = showWarnings [ "first warning" "second warning" ] 3; expected = 3; };
  throwIf = { expr = [ (throwIf false "no" 1) (fails (throwIf true "yes" 1)) ]; expected = [ 1 true ]; };
  throwIfNot = { expr = [ (throwIfNot true "no" 1) (fails (throwIfNot false "yes" 1)) ]; expected = [ 1 true ]; };
  throwIf-message = { expr = (builtins.tryEval (throwIf true "msg" 1)).value; expected = false; };
  checkListOfEnum = {
    expr = [ (checkListOfEnum "shapes" [ "a" "b" ] [ "a" ] 1) (fails (checkListOfEnum "shapes" [ "a" "b" ] [ "a" "c" ] 1)) ];
    expected = [ 1 true ];
  };
  version = { expr = [ version trivial.release trivial.codeName (trivial.release + trivial.versionSuffix) ]; expected = [ "22.05" "22.05" "Quokka" version ]; };

  # == lists ==================================================================

  foldr = { expr = foldr (x: acc: "(${x}${acc})") "!" [ "a" "b" "c" ]; expected = "(a(b(c!)))"; };
  foldr-sum = { expr = foldr (x: y: x + y) 0 (range 1 100); expected = 5050; };
  foldr-lazy = { expr = foldr (x: _: x) null [ 1 (throw "never") ]; expected = 1; };
  foldr-empty = { expr = foldr (x: y: x + y) 7 [ ]; expected = 7; };
  fold = { expr = fold (x: acc: [ x ] ++ acc) [ ] [ 1 2 3 ]; expected = [ 1 2 3 ]; };
  foldl = { expr = foldl (acc: x: "(${acc}${x})") "!" [ "a" "b" "c" ]; expected = "(((!a)b)c)"; };
  foldl-lazy = { expr = foldl (_: x: x) (throw "never") [ 1 2 ]; expected = 2; };
  foldl' = { expr = foldl' (acc: x: acc + x) 0 [ 1 2 3 ]; expected = 6; };
  imap0 = { expr = imap0 (i: v: "${v}-${toString i}") [ "a" "b" ]; expected = [ "a-0" "b-1" ]; };
  imap1 = { expr = imap1 (i: v: "${v}-${toString i}") [ "a" "b" ]; expected = [ "a-1" "b-2" ]; };
  ifilter0 = { expr = ifilter0 (i: v: i == 0 || v > 2) [ 1 2 3 ]; expected = [ 1 3 ]; };
  forEach = { expr = forEach [ 1 2 ] (x: toString x); expected = [ "1" "2" ]; };
  range = { expr = [ (range 2 4) (range 3 2) (range (-1) 1) ]; expected = [ [ 2 3 4 ] [ ] [ (-1) 0 1 ] ]; };
  replicate = { expr = [ (replicate 3 "a") (replicate 0 1) ]; expected = [ [ "a" "a" "a" ] [ ] ]; };
  optional = { expr = [ (optional true "foo") (optional false "foo") ]; expected = [ [ "foo" ] [ ] ]; };
  optionals = { expr = [ (optionals true [ 2 3 ]) (optionals false [ 2 3 ]) ]; expected = [ [ 2 3 ] [ ] ]; };
  toList = { expr = [ (toList [ 1 2 ]) (toList "hi") (toList [ ]) ]; expected = [ [ 1 2 ] [ "hi" ] [ ] ]; };
  flatten = { expr = flatten [ 1 [ 2 [ 3 ] 4 ] 5 ]; expected = [ 1 2 3 4 5 ]; };
  flatten-scalar = { expr = flatten 1; expected = [ 1 ]; };
  crossLists = { expr = crossLists (x: y: "${toString x}${toString y}") [ [ 1 2 ] [ 3 4 ] ]; expected = [ "13" "14" "23" "24" ]; };
  remove = { expr = remove 3 [ 1 3 4 3 ]; expected = [ 1 4 ]; };
  count = { expr = count (x: x == 3) [ 3 2 3 4 6 ]; expected = 2; };
  findFirst = { expr = [ (findFirst (x: x > 3) 7 [ 1 6 4 ]) (findFirst (x: x > 9) 7 [ 1 6 4 ]) ]; expected = [ 6 7 ]; };
  findFirst-stops = { expr = findFirst (x: x > 1) null [ 1 2 (throw "never") ]; expected = 2; };
  findFirstIndex = { expr = [ (findFirstIndex (x: x > 3) null [ 0 6 4 ]) (findFirstIndex (x: x > 9) null [ 0 6 4 ]) ]; expected = [ 1 null ]; };
  findSingle = {
    expr = [ (findSingle (x: x == 3) "none" "multiple" [ 1 3 3 ]) (findSingle (x: x == 3) "none" "multiple" [ 1 3 ]) (findSingle (x: x == 3) "none" "multiple" [ 1 9 ]) ];
    expected = [ "multiple" 3 "none" ];
  };
  sublist = { expr = [ (sublist 1 3 [ "a" "b" "c" "d" "e" ]) (sublist 1 3 [ ]) (sublist 4 9 [ 1 2 3 4 5 ]) ]; expected = [ [ "b" "c" "d" ] [ ] [ 5 ] ]; };
  take = { expr = [ (take 2 [ "a" "b" "c" "d" ]) (take 2 [ ]) (take 5 [ 1 ]) ]; expected = [ [ "a" "b" ] [ ] [ 1 ] ]; };
  drop = { expr = [ (drop 2 [ "a" "b" "c" "d" ]) (drop 2 [ ]) (drop 0 [ 1 ]) ]; expected = [ [ "c" "d" ] [ ] [ 1 ] ]; };
  takeEnd = { expr = [ (takeEnd 2 [ "a" "b" "c" "d" ]) (takeEnd 5 [ 1 ]) ]; expected = [ [ "c" "d" ] [ 1 ] ]; };
  dropEnd = { expr = [ (dropEnd 2 [ "a" "b" "c" "d" ]) (dropEnd 5 [ 1 ]) ]; expected = [ [ "a" "b" ] [ ] ]; };
  last = { expr = last [ 1 2 3 ]; expected = 3; };
  last-empty = { expr = fails (last [ ]); expected = true; };
  init = { expr = [ (init [ 1 2 3 ]) (init [ 1 ]) ]; expected = [ [ 1 2 ] [ ] ]; };
  init-empty = { expr = fails (init [ ]); expected = true; };
  reverseList = { expr = [ (reverseList [ "b" "o" "j" ]) (reverseList [ ]) ]; expected = [ [ "j" "o" "b" ] [ ] ]; };
  zipListsWith = { expr = zipListsWith (a: b: a + b) [ "h" "l" ] [ "e" "o" "x" ]; expected = [ "he" "lo" ]; };
  zipLists = { expr = zipLists [ 1 2 ] [ "a" "b" "c" ]; expected = [ { fst = 1; snd = "a"; } { fst = 2; snd = "b"; } ]; };
  groupBy = {
    expr = groupBy (x: boolToString (x > 2)) [ 5 1 2 3 4 ];
    expected = { true = [ 5 3 4 ]; false = [ 1 2 ]; };
  };
  groupBy' = {
    expr = groupBy' builtins.add 0 (x: boolToString (x > 2)) [ 5 1 2 3 4 ];
    expected = { true = 12; false = 3; };
  };
  partition = { expr = partition (x: x > 2) [ 5 1 2 3 4 ]; expected = { right = [ 5 3 4 ]; wrong = [ 1 2 ]; }; };
  unique = { expr = unique [ 3 2 3 4 ]; expected = [ 3 2 4 ]; };
  unique-strings = { expr = unique [ "b" "a" "b" "c" "a" ]; expected = [ "b" "a" "c" ]; };
  unique-mixed = { expr = unique [ 1 "1" 1 "1" ]; expected = [ 1 "1" ]; };
  unique-int-float = { expr = unique [ 1 1.0 2 ]; expected = [ 1 2 ]; };
  unique-sets = { expr = unique [ { a = 1; } { a = 2; } { a = 1; } [ 1 ] [ 1 ] ]; expected = [ { a = 1; } { a = 2; } [ 1 ] ]; };
  unique-scalars = { expr = unique [ true null false true null "" 0 ]; expected = [ true null false "" 0 ]; };
  unique-paths = { expr = map toString (unique [ ./data ./data/text.txt ./data ]); expected = [ (toString ./data) (toString ./data/text.txt) ]; };
  unique-derivations = {
    expr = map (d: if isString d then "string" else d.outputName) (unique [ single multi (extendDerivation true { } single) multi.bin "${single}" multi.out ]);
    expected = [ "out" "out" "bin" "string" ];
  };
  unique-empty = { expr = unique [ ]; expected = [ ]; };
  unique-large = { expr = length (unique (genList (x: x / 3) 3000)); expected = 1000; };
  allUnique = { expr = [ (allUnique [ 3 2 3 4 ]) (allUnique [ 3 2 4 1 ]) ]; expected = [ false true ]; };
  intersectLists = { expr = intersectLists [ 1 2 3 ] [ 6 3 2 ]; expected = [ 3 2 ]; };
  subtractLists = { expr = subtractLists [ 3 2 ] [ 1 2 3 4 5 3 ]; expected = [ 1 4 5 ]; };
  mutuallyExclusive = { expr = [ (mutuallyExclusive [ 1 2 ] [ 3 4 ]) (mutuallyExclusive [ 1 2 ] [ 2 4 ]) (mutuallyExclusive [ ] [ 1 ]) ]; expected = [ true false true ]; };
  compareLists = {
    expr = [ (compareLists compare [ ] [ ]) (compareLists compare [ ] [ "a" ]) (compareLists compare [ "a" ] [ ]) (compareLists compare [ "a" "b" ] [ "a" "c" ]) ];
    expected = [ 0 (-1) 1 (-1) ];
  };
  naturalSort = {
    expr = [
      (naturalSort [ "disk11" "disk8" "disk100" "disk9" ])
      (naturalSort [ "10.46.133.149" "10.5.16.62" "10.54.16.25" ])
      (naturalSort [ "v0.2" "v0.15" "v0.0.9" ])
    ];
    expected = [
      [ "disk8" "disk9" "disk11" "disk100" ]
      [ "10.5.16.62" "10.46.133.149" "10.54.16.25" ]
      [ "v0.0.9" "v0.2" "v0.15" ]
    ];
  };
  listDfs = {
    expr = listDfs true hasPrefix [ "/home/user" "other" "/" "/home" ];
    expected = { minimal = "/"; visited = [ "/home/user" ]; rest = [ "/home" "other" ]; };
  };
  listDfs-cycle = {
    expr = listDfs true hasPrefix [ "/home/user" "other" "/" "/home" "/" ];
    expected = { cycle = "/"; loops = [ "/" ]; visited = [ "/" "/home/user" ]; rest = [ "/home" "other" ]; };
  };
  toposort = { expr = toposort hasPrefix [ "/home/user" "other" "/" "/home" ]; expected = { result = [ "/" "/home" "/home/user" "other" ]; }; };
  toposort-cycle = { expr = toposort hasPrefix [ "/home/user" "other" "/" "/home" "/" ]; expected = { cycle = [ "/home/user" "/" "/" ]; loops = [ "/" ]; }; };
  toposort-other = { expr = toposort hasPrefix [ "other" "/home/user" "/home" "/" ]; expected = { result = [ "other" "/" "/home" "/home/user" ]; }; };
  toposort-ints = { expr = toposort (a: b: a < b) [ 3 2 1 ]; expected = { result = [ 1 2 3 ]; }; };
  toposort-short = { expr = [ (toposort (a: b: a < b) [ ]) (toposort (a: b: a < b) [ 1 ]) ]; expected = [ { result = [ ]; } { result = [ 1 ]; } ]; };
  list-builtins = {
    expr = [ (head [ 1 2 ]) (tail [ 1 2 ]) (length [ 1 2 ]) (elem 2 [ 1 2 ]) (elemAt [ 1 2 ] 1) (filter (x: x > 1) [ 1 2 3 ])
      (concatLists [ [ 1 ] [ 2 3 ] ]) (concatMap (x: [ x x ]) [ 1 2 ]) (genList (x: x * x) 3) (sort (a: b: a < b) [ 3 1 2 ])
      (any (x: x > 2) [ 1 3 ]) (all (x: x > 2) [ 1 3 ]) (map (x: x + 1) [ 1 ]) (isList [ ]) ];
    expected = [ 1 [ 2 ] 2 true 2 [ 2 3 ] [ 1 2 3 ] [ 1 1 2 2 ] [ 0 1 4 ] [ 1 2 3 ] true false [ 2 ] true ];
  };
  lists-namespace = { expr = [ (lists.last [ 1 2 ]) (lists.unique [ 1 1 ]) (lists.foldr (a: b: a + b) 0 [ 1 2 ]) ]; expected = [ 2 [ 1 ] 3 ]; };

  # == strings ================================================================

  concatStrings = { expr = concatStrings [ "foo" "bar" ]; expected = "foobar"; };
  concatMapStrings = { expr = concatMapStrings (x: "a" + x) [ "foo" "bar" ]; expected = "afooabar"; };
  concatImapStrings = { expr = concatImapStrings (pos: x: "${toString pos}-${x}") [ "foo" "bar" ]; expected = "1-foo2-bar"; };
  concatStringsSep = { expr = concatStringsSep "/" [ "usr" "local" "bin" ]; expected = "usr/local/bin"; };
  concatMapStringsSep = { expr = concatMapStringsSep "-" (x: toUpper x) [ "foo" "bar" "baz" ]; expected = "FOO-BAR-BAZ"; };
  concatImapStringsSep = { expr = concatImapStringsSep "-" (pos: x: toString (x / pos)) [ 6 6 6 ]; expected = "6-3-2"; };
  concatLines = { expr = concatLines [ "foo" "bar" ]; expected = "foo\nbar\n"; };
  intersperse = { expr = [ (intersperse "/" [ "usr" "local" "bin" ]) (intersperse "/" [ ]) (intersperse "/" [ "a" ]) ]; expected = [ [ "usr" "/" "local" "/" "bin" ] [ ] [ "a" ] ]; };
  optionalString = { expr = [ (optionalString true "some-string") (optionalString false "some-string") ]; expected = [ "some-string" "" ]; };
  makeSearchPath = { expr = makeSearchPath "bin" [ "/root" "/usr" "/usr/local" null ]; expected = "/root/bin:/usr/bin:/usr/local/bin"; };
  makeSearchPath-context = { expr = builtins.hasContext (makeSearchPath "bin" [ single ]); expected = true; };
  makeSearchPath-empty = { expr = makeSearchPath "bin" [ ]; expected = ""; };
  makeSearchPathOutput = {
    expr = makeSearchPathOutput "dev" "bin" [ multi "/plain" ];
    expected = "${multi.dev}/bin:/plain/bin";
  };
  makeBinPath = { expr = makeBinPath [ "/root" "/usr" single multi ]; expected = "/root/bin:/usr/bin:${single}/bin:${multi.bin}/bin"; };
  makeLibraryPath = { expr = makeLibraryPath [ "/usr" multi ]; expected = "/usr/lib:${multi.lib}/lib"; };
  makeIncludePath = { expr = makeIncludePath [ "/usr" multi ]; expected = "/usr/include:${multi.dev}/include"; };
  normalizePath = { expr = [ (normalizePath "/a//b///c/") (normalizePath "//a") (normalizePath "") ]; expected = [ "/a/b/c/" "/a" "" ]; };
  hasPrefix = { expr = [ (hasPrefix "foo" "foobar") (hasPrefix "foo" "barfoo") (hasPrefix "" "x") (hasPrefix "long" "lo") ]; expected = [ true false true false ]; };
  hasSuffix = { expr = [ (hasSuffix "foo" "foobar") (hasSuffix "foo" "barfoo") (hasSuffix "" "x") (hasSuffix "long" "ng") ]; expected = [ false true true false ]; };
  hasInfix = {
    expr = [ (hasInfix "bc" "abcd") (hasInfix "ab" "abcd") (hasInfix "cd" "abcd") (hasInfix "foo" "abcd") (hasInfix "" "") (hasInfix "." "ab") (hasInfix "a.b" "xa.by") (hasInfix "\n" "a\nb") (hasInfix "abc" "ab") ];
    expected = [ true true true false true false true true false ];
  };
  removePrefix = { expr = [ (removePrefix "foo." "foo.bar.baz") (removePrefix "xxx" "foo.bar.baz") (removePrefix "" "a") ]; expected = [ "bar.baz" "foo.bar.baz" "a" ]; };
  removeSuffix = { expr = [ (removeSuffix "front" "homefront") (removeSuffix "xxx" "homefront") (removeSuffix "" "a") ]; expected = [ "home" "homefront" "a" ]; };
  commonPrefixLength = { expr = [ (commonPrefixLength "" "") (commonPrefixLength "foo" "fob") (commonPrefixLength "abc" "abcd") (commonPrefixLength "x" "y") ]; expected = [ 0 2 3 0 ]; };
  commonSuffixLength = { expr = [ (commonSuffixLength "" "") (commonSuffixLength "foo" "boo") (commonSuffixLength "bcd" "abcd") (commonSuffixLength "x" "y") ]; expected = [ 0 2 3 0 ]; };
  stringToCharacters = { expr = [ (stringToCharacters "") (stringToCharacters "abc") (stringToCharacters "a\n") ]; expected = [ [ ] [ "a" "b" "c" ] [ "a" "\n" ] ]; };
  stringAsChars = { expr = stringAsChars (x: if x == "a" then "i" else x) "nax"; expected = "nix"; };
  lowerChars-upperChars = { expr = [ (length lowerChars) (head upperChars) (last lowerChars) ]; expected = [ 26 "A" "z" ]; };
  toLower = { expr = toLower "HOME-Dir 42"; expected = "home-dir 42"; };
  toUpper = { expr = toUpper "home-dir 42"; expected = "HOME-DIR 42"; };
  replaceChars = { expr = replaceChars [ "<" ">" ] [ "&lt;" "&gt;" ] "<foo>"; expected = "&lt;foo&gt;"; };
  replaceStrings = { expr = replaceStrings [ "oo" "a" ] [ "a" "i" ] "foobar"; expected = "fabir"; };
  trim = { expr = [ (trim "   a b\n ") (trim "\t\n ") (trim "x") (trim "") ]; expected = [ "a b" "" "x" "" ]; };
  trimWith = {
    expr = [ (trimWith { start = true; } "  a  ") (trimWith { end = true; } "  a  ") (trimWith { } "  a  ") (trimWith { end = true; } " \n ") ];
    expected = [ "a  " "  a" "  a  " "" ];
  };
  escape = { expr = escape [ "(" ")" ] "(foo)"; expected = "\\(foo\\)"; };
  escapeShellArg = { expr = [ (escapeShellArg "esc'ape\nme") (escapeShellArg "plain") (escapeShellArg 12) ]; expected = [ "'esc'\\''ape\nme'" "'plain'" "'12'" ]; };
  escapeShellArgs = { expr = escapeShellArgs [ "one" "two three" "four'five" ]; expected = "'one' 'two three' 'four'\\''five'"; };
  escapeRegex = { expr = [ (escapeRegex "[^a-z]*") (escapeRegex "a.b(c)|d{1}\\$") ]; expected = [ "\\[\\^a-z]\\*" "a\\.b\\(c\\)\\|d\\{1}\\\\\\$" ]; };
  escapeRegex-roundtrip = { expr = builtins.match (escapeRegex "a.b*[c]") "a.b*[c]"; expected = [ ]; };
  escapeNixString = { expr = [ (escapeNixString "hello\${}\n") (escapeNixString "a\"b") ]; expected = [ "\"hello\\\${}\\n\"" "\"a\\\"b\"" ]; };
  escapeNixIdentifier = { expr = [ (escapeNixIdentifier "hello") (escapeNixIdentifier "0abc") (escapeNixIdentifier "a-b'c") (escapeNixIdentifier "a b") ]; expected = [ "hello" "\"0abc\"" "a-b'c" "\"a b\"" ]; };
  escapeXML = { expr = escapeXML ''"test" 'test' < & >''; expected = "&quot;test&quot; &apos;test&apos; &lt; &amp; &gt;"; };
  isValidPosixName = { expr = map isValidPosixName [ "foo_bar000" "0-bad.jpg" "_x" "" ]; expected = [ true false true false ]; };
  toShellVar = {
    expr = [ (toShellVar "foo" "some string") (toShellVar "foo" [ "a" "b c" ]) (toShellVar "foo" { x = "1"; "y z" = "2"; }) (toShellVar "foo" single) (fails (toShellVar "0x" "v")) ];
    expected = [ "foo='some string'" "declare -a foo=('a' 'b c')" "declare -A foo=(['x']='1' ['y z']='2')" "foo='${single}'" true ];
  };
  toShellVars = { expr = toShellVars { foo = "a b"; bar = [ "1" ]; }; expected = "declare -a bar=('1')\nfoo='a b'"; };
  splitString = {
    expr = [ (splitString "." "foo.bar.baz") (splitString "/" "/usr/local/bin") (splitString "," "") (splitString ", " "a, b, c") (splitString "." "nodots") (splitString "*" "a*b") ];
    expected = [ [ "foo" "bar" "baz" ] [ "" "usr" "local" "bin" ] [ "" ] [ "a" "b" "c" ] [ "nodots" ] [ "a" "b" ] ];
  };
  splitString-context = {
    expr = map builtins.hasContext (splitString "-" "${single}");
    expected = [ true true true ];
  };
  strings-splitString = { expr = strings.splitString "-" "a-b"; expected = [ "a" "b" ]; };
  addContextFrom = {
    expr = let s = addContextFrom "${single}" "plain"; in [ s (builtins.hasContext s) ];
    expected = [ "plain" true ];
  };
  fileContents = { expr = fileContents ./data/text.txt; expected = "first line\nsecond line"; };
  enableFeature = { expr = [ (enableFeature true "shared") (enableFeature false "shared") ]; expected = [ "--enable-shared" "--disable-shared" ]; };
  enableFeatureAs = { expr = [ (enableFeatureAs true "shared" "foo") (enableFeatureAs false "shared" (throw "ignored")) ]; expected = [ "--enable-shared=foo" "--disable-shared" ]; };
  withFeature = { expr = [ (withFeature true "shared") (withFeature false "shared") ]; expected = [ "--with-shared" "--without-shared" ]; };
  withFeatureAs = { expr = [ (withFeatureAs true "shared" "foo") (withFeatureAs false "shared" (throw "ignored")) ]; expected = [ "--with-shared=foo" "--without-shared" ]; };
  meson = { expr = [ (mesonOption "engine" "opengl") (mesonBool "tests" true) (mesonBool "tests" false) (mesonEnable "docs" true) (mesonEnable "docs" false) ]; expected = [ "-Dengine=opengl" "-Dtests=true" "-Dtests=false" "-Ddocs=enabled" "-Ddocs=disabled" ]; };
  cmake = { expr = [ (cmakeOptionType "string" "ENGINE" "sdl2") (cmakeBool "ENABLE_FOO" true) (cmakeBool "ENABLE_FOO" false) (cmakeFeature "MODULES" "badblock") ]; expected = [ "-DENGINE:STRING=sdl2" "-DENABLE_FOO:BOOL=TRUE" "-DENABLE_FOO:BOOL=FALSE" "-DMODULES:STRING=badblock" ]; };
  fixedWidthString = { expr = [ (fixedWidthString 5 "0" (toString 15)) (fixedWidthString 2 " " "ab") (fixedWidthString 3 "x" "") ]; expected = [ "00015" "ab" "xxx" ]; };
  fixedWidthString-too-long = { expr = fails (fixedWidthString 1 "0" "123"); expected = true; };
  fixedWidthNumber = { expr = [ (fixedWidthNumber 5 15) (fixedWidthNumber 1 7) ]; expected = [ "00015" "7" ]; };
  floatToString = { expr = [ (floatToString 0.5) (floatToString 2.0) ]; expected = [ "0.500000" "2.000000" ]; };
  floatToString-imprecise = { expr = floatToString 0.1234567; expected = "0.123457"; };
  toInt = { expr = [ (toInt "1337") (toInt "-4") (toInt " 123 ") (toInt "0") (toInt "\t7\n") ]; expected = [ 1337 (-4) 123 0 7 ]; };
  toInt-errors = { expr = map (s: fails (toInt s)) [ "3.14" "" "abc" "00024" "1 2" "-" "0x1" ]; expected = [ true true true true true true true ]; };
  # Past 64 bits, fromJSON gives a float, which toInt refuses.
  toInt-overflow = { expr = fails (toInt "99999999999999999999"); expected = true; };
  toIntBase10 = { expr = [ (toIntBase10 "1337") (toIntBase10 "-4") (toIntBase10 " 123 ") (toIntBase10 "00024") (toIntBase10 "000") (toIntBase10 "-007") ]; expected = [ 1337 (-4) 123 24 0 (-7) ]; };
  toIntBase10-errors = { expr = map (s: fails (toIntBase10 s)) [ "3.14" "" "a1" ]; expected = [ true true true ]; };
  isCoercibleToString = {
    expr = map isCoercibleToString [ "s" 1 null true 1.5 ./. [ "a" 1 ] [ { } ] { } single { __toString = _: "x"; } ];
    expected = [ true true true true true true true false false true true ];
  };
  isStringLike = {
    expr = map isStringLike [ "s" ./. single { __toString = _: "x"; } 1 null [ ] { } ];
    expected = [ true true true true false false false false ];
  };
  isStorePath = {
    expr = [
      (isStorePath "/nix/store/d945ibfx9x185xf04b890y4f9g3cbb63-python-2.7.11")
      (isStorePath "/nix/store/d945ibfx9x185xf04b890y4f9g3cbb63-python-2.7.11/bin/python")
      (isStorePath single) (isStorePath "${single}") (isStorePath "relative") (isStorePath 1) (isStorePath [ ])
    ];
    expected = [ true false true true false false false ];
  };
  getName = { expr = [ (getName "youtube-dl-2016.01.01") (getName { pname = "hello"; name = "x-1"; }) (getName single) ]; expected = [ "youtube-dl" "hello" "single" ]; };
  getVersion = { expr = [ (getVersion "youtube-dl-2016.01.01") (getVersion { version = "3"; name = "x-1"; }) (getVersion multi) (getVersion "noversion") ]; expected = [ "2016.01.01" "3" "2.3" "" ]; };
  nameFromURL = { expr = [ (nameFromURL "https://nixos.org/releases/nix/nix-1.7/nix-1.7-x86_64-linux.tar.bz2" "-") (nameFromURL "https://nixos.org/foo.tar.gz" ".") ]; expected = [ "nix" "foo" ]; };
  nameFromURL-no-sep = { expr = fails (nameFromURL "https://example.org/file" "-"); expected = true; };
  versionOlder = { expr = [ (versionOlder "1.1" "1.2") (versionOlder "1.1" "1.1") (versionOlder "1.10" "1.9") (versionOlder "2.0pre1" "2.0") ]; expected = [ true false false true ]; };
  versionAtLeast = { expr = [ (versionAtLeast "1.1" "1.0") (versionAtLeast "1.1" "1.1") (versionAtLeast "1.1" "1.2") ]; expected = [ true true false ]; };
  compareVersions = { expr = [ (compareVersions "1.0" "2.3") (compareVersions "2.3" "2.3") (compareVersions "2.5" "2.3") ]; expected = [ (-1) 0 1 ]; };
  sanitizeDerivationName = {
    expr = [ (sanitizeDerivationName "../hello.bar # foo") (sanitizeDerivationName "") (sanitizeDerivationName "ok-name_1.2") (sanitizeDerivationName "...") (sanitizeDerivationName "a/b") ];
    expected = [ "-hello.bar-foo" "unknown" "ok-name_1.2" "unknown" "a-b" ];
  };
  sanitizeDerivationName-store = {
    expr = let s = sanitizeDerivationName "${single}"; in [ s (builtins.hasContext s) ];
    expected = [ ("-nix-store-" + builtins.substring 11 (-1) "${builtins.unsafeDiscardStringContext single.outPath}") false ];
  };
  sanitizeDerivationName-long = {
    expr = let s = sanitizeDerivationName ("#" + concatStrings (replicate 300 "a")); in [ (stringLength s) (substring 0 3 s) ];
    expected = [ 207 "aaa" ];
  };
  string-builtins = {
    expr = [ (stringLength "abc") (substring 1 2 "abcd") (match "a(.)c" "abc") (split "," "a,b") (parseDrvName "foo-1.0").name ];
    expected = [ 3 "bc" [ "b" ] [ "a" [ ] "b" ] "foo" ];
  };

  # == attrsets ===============================================================

  attrByPath = { expr = [ (attrByPath [ "a" "b" ] 6 { a = { b = 3; }; }) (attrByPath [ "z" "z" ] 6 { a = { b = 3; }; }) (attrByPath [ ] 6 { x = 1; }) (attrByPath [ "a" "b" ] 6 { a = 1; }) ]; expected = [ 3 6 { x = 1; } 6 ]; };
  hasAttrByPath = { expr = [ (hasAttrByPath [ "a" "b" ] { a = { b = 3; }; }) (hasAttrByPath [ "a" "c" ] { a = { b = 3; }; }) (hasAttrByPath [ ] { }) (hasAttrByPath [ "a" "b" ] { a = 1; }) ]; expected = [ true false true false ]; };
  setAttrByPath = { expr = [ (setAttrByPath [ "a" "b" ] 3) (setAttrByPath [ ] 3) ]; expected = [ { a = { b = 3; }; } 3 ]; };
  getAttrFromPath = { expr = getAttrFromPath [ "a" "b" ] { a = { b = 3; }; }; expected = 3; };
  getAttrFromPath-missing = { expr = fails (getAttrFromPath [ "z" "z" ] { a = { b = 3; }; }); expected = true; };
  showAttrPath = { expr = [ (showAttrPath [ "foo" "10" "bar" ]) (showAttrPath [ ]) ]; expected = [ "foo.\"10\".bar" "<root attribute path>" ]; };
  attrVals = { expr = attrVals [ "a" "b" "c" ] { a = "x"; b = "y"; c = "z"; d = "w"; }; expected = [ "x" "y" "z" ]; };
  attrValues = { expr = attrValues { c = 3; a = 1; b = 2; }; expected = [ 1 2 3 ]; };
  attrNames = { expr = attrNames { c = 3; a = 1; }; expected = [ "a" "c" ]; };
  getAttr-hasAttr = { expr = [ (getAttr "a" { a = 1; }) (hasAttr "a" { }) ]; expected = [ 1 false ]; };
  catAttrs = { expr = catAttrs "a" [ { a = 1; } { b = 0; } { a = 2; } ]; expected = [ 1 2 ]; };
  nameValuePair = { expr = nameValuePair "some" 6; expected = { name = "some"; value = 6; }; };
  genAttrs = { expr = genAttrs [ "foo" "bar" ] (name: "x_" + name); expected = { foo = "x_foo"; bar = "x_bar"; }; };
  optionalAttrs = { expr = [ (optionalAttrs true { my = "set"; }) (optionalAttrs false { my = "set"; }) ]; expected = [ { my = "set"; } { } ]; };
  listToAttrs = { expr = listToAttrs [ (nameValuePair "a" 1) (nameValuePair "a" 2) (nameValuePair "b" 3) ]; expected = { a = 1; b = 3; }; };
  mapAttrs = { expr = mapAttrs (name: value: name + "-" + value) { x = "foo"; y = "bar"; }; expected = { x = "x-foo"; y = "y-bar"; }; };
  mapAttrs' = { expr = mapAttrs' (name: value: nameValuePair ("foo_" + name) ("bar-" + value)) { x = "a"; y = "b"; }; expected = { foo_x = "bar-a"; foo_y = "bar-b"; }; };
  mapAttrsToList = { expr = mapAttrsToList (name: value: name + value) { x = "a"; y = "b"; }; expected = [ "xa" "yb" ]; };
  mapAttrsFlatten = { expr = mapAttrsFlatten (name: value: value) { x = 1; y = 2; }; expected = [ 1 2 ]; };
  attrsToList = { expr = attrsToList { b = 2; a = 1; }; expected = [ { name = "a"; value = 1; } { name = "b"; value = 2; } ]; };
  concatMapAttrs = {
    expr = concatMapAttrs (name: value: { ${name} = value; ${name + value} = value; }) { x = "a"; y = "b"; };
    expected = { x = "a"; xa = "a"; y = "b"; yb = "b"; };
  };
  mapAttrsRecursive = {
    expr = mapAttrsRecursive (path: value: concatStringsSep "-" (path ++ [ value ])) { n = { a = "A"; m = { b = "B"; c = "C"; }; }; d = "D"; };
    expected = { n = { a = "n-a-A"; m = { b = "n-m-b-B"; c = "n-m-c-C"; }; }; d = "d-D"; };
  };
  mapAttrsRecursiveCond = {
    expr = mapAttrsRecursiveCond (as: !(as ? stop)) (path: value: if isAttrs value then "set" else value + 1) { a = { b = 1; c = { stop = 1; }; }; d = 2; };
    expected = { a = { b = 2; c = "set"; }; d = 3; };
  };
  filterAttrs = { expr = filterAttrs (n: v: n == "foo") { foo = 1; bar = 2; }; expected = { foo = 1; }; };
  filterAttrs-value = { expr = filterAttrs (n: v: v > 1) { a = 1; b = 2; c = 3; }; expected = { b = 2; c = 3; }; };
  filterAttrsRecursive = {
    expr = filterAttrsRecursive (n: v: v != null) { foo = { bar = null; baz = 1; }; x = null; y = { }; };
    expected = { foo = { baz = 1; }; y = { }; };
  };
  collect = {
    expr = [ (collect isList { a = { b = [ "b" ]; }; c = [ 1 ]; }) (collect (x: x ? outPath) { a = { outPath = "a/"; }; b = { outPath = "b/"; }; }) (collect isInt 5) ];
    expected = [ [ [ "b" ] [ 1 ] ] [ { outPath = "a/"; } { outPath = "b/"; } ] [ 5 ] ];
  };
  matchAttrs = {
    expr = [ (matchAttrs { cpu = { }; } { cpu = { bits = 64; }; }) (matchAttrs { cpu = { bits = 64; }; } { cpu = { bits = 32; }; }) (matchAttrs { a = 1; } { }) (matchAttrs { a = { b = 1; }; } { a = 1; }) ];
    expected = [ true false false false ];
  };
  foldlAttrs = {
    expr = foldlAttrs (acc: name: value: { sum = acc.sum + value; names = acc.names ++ [ name ]; }) { sum = 0; names = [ ]; } { foo = 1; bar = 10; };
    expected = { sum = 11; names = [ "bar" "foo" ]; };
  };
  foldAttrs = {
    expr = foldAttrs (item: acc: [ item ] ++ acc) [ ] [ { a = 2; } { a = 3; b = 1; } ];
    expected = { a = [ 2 3 ]; b = [ 1 ]; };
  };
  zipAttrsWithNames = {
    expr = zipAttrsWithNames [ "a" "c" ] (name: vs: vs) [ { a = "x"; } { a = "y"; b = "z"; } ];
    expected = { a = [ "x" "y" ]; c = [ ]; };
  };
  zipAttrsWith = {
    expr = zipAttrsWith (name: values: values) [ { a = "x"; } { a = "y"; b = "z"; } ];
    expected = { a = [ "x" "y" ]; b = [ "z" ]; };
  };
  zipAttrs = { expr = zipAttrs [ { a = "x"; } { a = "y"; b = "z"; } ]; expected = { a = [ "x" "y" ]; b = [ "z" ]; }; };
  recursiveUpdate = {
    expr = recursiveUpdate { boot.loader.grub.enable = true; boot.loader.grub.device = "/dev/hda"; } { boot.loader.grub.device = ""; };
    expected = { boot.loader.grub.enable = true; boot.loader.grub.device = ""; };
  };
  recursiveUpdate-replace = {
    expr = recursiveUpdate { a = { b = 1; }; c = 1; } { a = 2; c = { d = 1; }; e = 3; };
    expected = { a = 2; c = { d = 1; }; e = 3; };
  };
  recursiveUpdateUntil = {
    expr = recursiveUpdateUntil (path: l: r: path == [ "foo" ]) { foo.bar = 1; foo.baz = 2; bar = 3; } { foo.bar = 1; foo.quz = 2; baz = 4; };
    expected = { foo.bar = 1; foo.quz = 2; bar = 3; baz = 4; };
  };
  mergeAttrsList = { expr = [ (mergeAttrsList [ { a = 0; b = 1; } { c = 2; d = 3; } { a = 4; } ]) (mergeAttrsList [ ]) ]; expected = [ { a = 4; b = 1; c = 2; d = 3; } { } ]; };
  overrideExisting = {
    expr = [ (overrideExisting { a = 1; } { b = 2; }) (overrideExisting { a = 1; } { a = 3; b = 2; }) ];
    expected = [ { a = 1; } { a = 3; } ];
  };
  unionOfDisjoint = {
    expr = let u = unionOfDisjoint { a = 1; b = 2; } { b = 3; c = 4; }; in [ u.a u.c (attrNames u) (fails u.b) ];
    expected = [ 1 4 [ "a" "b" "c" ] true ];
  };
  cartesianProductOfSets = {
    expr = cartesianProductOfSets { a = [ 1 2 ]; b = [ 10 20 ]; };
    expected = [ { a = 1; b = 10; } { a = 1; b = 20; } { a = 2; b = 10; } { a = 2; b = 20; } ];
  };
  cartesianProductOfSets-empty = { expr = [ (cartesianProductOfSets { }) (cartesianProductOfSets { a = [ ]; b = [ 1 ]; }) ]; expected = [ [ { } ] [ ] ]; };
  isDerivation = { expr = [ (isDerivation single) (isDerivation { type = "derivation"; }) (isDerivation { }) (isDerivation "x") ]; expected = [ true true false false ]; };
  getOutput = {
    expr = [ (getOutput "dev" multi).outPath (getOutput "dev" single).outPath (getOutput "dev" "/plain") (getOutput "lib" multi.bin).outPath (getOutput "lib" (extendDerivation true { } multi).bin).outPath ];
    expected = [ multi.dev.outPath single.outPath "/plain" multi.lib.outPath multi.bin.outPath ];
  };
  getBin-getLib-getDev-getMan = {
    expr = [ "${getBin multi}" "${getLib multi}" "${getDev multi}" "${getMan multi}" "${getBin single}" ];
    expected = [ "${multi.bin}" "${multi.lib}" "${multi.dev}" "${multi.out}" "${single}" ];
  };
  chooseDevOutputs = { expr = map toString (chooseDevOutputs [ multi single ]); expected = [ "${multi.dev}" "${single}" ]; };
  recurseIntoAttrs = { expr = [ (recurseIntoAttrs { a = 1; }) (dontRecurseIntoAttrs { a = 1; }) ]; expected = [ { a = 1; recurseForDerivations = true; } { a = 1; recurseForDerivations = false; } ]; };
  intersectAttrs = { expr = intersectAttrs { a = 0; b = 0; } { b = 1; c = 2; }; expected = { b = 1; }; };
  removeAttrs = { expr = removeAttrs { a = 1; b = 2; } [ "a" "z" ]; expected = { b = 2; }; };
  attrsets-namespace = { expr = [ (attrsets.mapAttrs' (n: v: nameValuePair v n) { a = "b"; }) (attrsets.recursiveUpdate { a.b = 1; } { a.c = 2; }) ]; expected = [ { b = "a"; } { a = { b = 1; c = 2; }; } ]; };

  # == fixed points ===========================================================

  fix = { expr = (fix (self: { a = 1; b = self.a + 1; })).b; expected = 2; };
  fix' = {
    expr = let s = fix' (self: { a = 1; b = self.a + 1; }); in [ s.b (s.__unfix__ { a = 10; }).b ];
    expected = [ 2 11 ];
  };
  converge = { expr = converge (x: if x > 10 then x else x * 2) 1; expected = 16; };
  extends = {
    expr = fix (extends (final: prev: { foo = prev.foo + 1; bar = final.foo; }) (self: { foo = 1; baz = self.bar; }));
    expected = { foo = 2; bar = 2; baz = 2; };
  };
  composeExtensions = {
    expr = fix (extends (composeExtensions (final: prev: { a = prev.a + 1; }) (final: prev: { a = prev.a * 10; b = final.a; })) (self: { a = 1; }));
    expected = { a = 20; b = 20; };
  };
  composeManyExtensions = {
    expr = fix (extends (composeManyExtensions [ (final: prev: { x = prev.x ++ [ 1 ]; }) (final: prev: { x = prev.x ++ [ 2 ]; }) (final: prev: { x = prev.x ++ [ 3 ]; n = length final.x; }) ]) (self: { x = [ 0 ]; }));
    expected = { x = [ 0 1 2 3 ]; n = 4; };
  };
  composeManyExtensions-empty = { expr = fix (extends (composeManyExtensions [ ]) (self: { a = 1; })); expected = { a = 1; }; };
  makeExtensible = {
    expr = let
      obj = makeExtensible (self: { foo = "foo"; bar = "bar"; foobar = self.foo + self.bar; });
      ext = obj.extend (final: prev: { foo = prev.foo + " + "; });
      ext2 = ext.extend (final: prev: { bar = "!"; });
    in [ obj.foobar ext.foobar ext2.foobar ];
    expected = [ "foobar" "foo + bar" "foo + !" ];
  };
  makeExtensibleWithCustomName = {
    expr = let obj = makeExtensibleWithCustomName "grow" (self: { a = 1; b = self.a * 2; }); in [ obj.b ((obj.grow (final: prev: { a = 5; })).b) (obj ? extend) ];
    expected = [ 2 10 false ];
  };
  toExtension = {
    expr = [
      (fix (extends (toExtension { a = 2; }) (self: { a = 1; b = self.a; })))
      (fix (extends (toExtension (prev: { a = prev.a + 1; })) (self: { a = 1; b = self.a; })))
      (fix (extends (toExtension (final: prev: { a = prev.a + 1; c = final.b; })) (self: { a = 1; b = self.a; })))
    ];
    expected = [ { a = 2; b = 2; } { a = 2; b = 2; } { a = 2; b = 2; c = 2; } ];
  };
  lib-extend = {
    expr = let lib2 = lib.extend (final: prev: { myAnswer = 42; optionals = c: l: [ "overridden" ]; }); in [ lib2.myAnswer (lib2.optionals true [ 1 ]) (lib2.id 3) (lib ? myAnswer) ];
    expected = [ 42 [ "overridden" ] 3 false ];
  };

  # == customisation ==========================================================

  callPackageWith-file = {
    expr = (callPackage ./data/pkgfn.nix { needed = 100; }).sum;
    expected = 1 + 20 + 3 + 100;
  };
  callPackageWith-function = {
    expr = let r = callPackage ({ a, extra, c ? 5 }: { inherit a extra c; }) { c = 6; }; in [ (removeAttrs r [ "override" "overrideDerivation" ]) (attrNames r) ];
    expected = [ { a = 1; extra = true; c = 6; } [ "a" "c" "extra" "override" "overrideDerivation" ] ];
  };
  callPackageWith-missing = { expr = fails (callPackage ./data/pkgfn.nix { }); expected = true; };
  callPackageWith-missing-message = {
    expr = (builtins.tryEval (callPackage ({ nothere }: nothere) { })).success;
    expected = false;
  };
  callPackageWith-override = {
    expr = let p = callPackage ./data/pkgfn.nix { needed = 100; }; in [ (p.override { a = 1000; }).sum (p.override (old: { needed = old.needed * 2; })).sum ((p.override { c = 0; }).override { b = 0; }).sum ];
    expected = [ 1123 224 101 ];
  };
  callPackageWith-only-formals = {
    expr = attrNames (callPackage ({ a, ... }@args: args) { });
    expected = [ "a" "override" "overrideDerivation" ];
  };
  callPackagesWith = {
    expr = let ps = callPackagesWith pkgSet ./data/pkgset.nix { }; in [ ps.one.v ps.two.v (ps.two.override { b = 1; }).v ];
    expected = [ 1 21 2 ];
  };
  callPackagesWith-single = { expr = fails (callPackagesWith { } (_: single) { }); expected = true; };
  makeOverridable = {
    expr = let
      f = makeOverridable ({ x, y ? 1 }: { sum = x + y; }) { x = 1; };
      g = f.override { y = 10; };
    in [ f.sum g.sum (g.override (old: { x = old.x + old.y; })).sum (attrNames f) ];
    expected = [ 2 11 21 [ "override" "overrideDerivation" "sum" ] ];
  };
  makeOverridable-doc = {
    expr = let y = makeOverridable ({ a, b }: { result = a + b; }) { a = 1; b = 2; }; in [ (attrNames y) y.result (y.override { a = 10; }).result ];
    expected = [ [ "override" "overrideDerivation" "result" ] 3 12 ];
  };
  makeOverridable-function-result = {
    expr = let f = makeOverridable ({ k }: { n }: k * n) { k = 2; }; in [ (f { n = 3; }) ((f.override { k = 5; }) { n = 3; }) (functionArgs f) (isFunction f) ];
    expected = [ 6 15 { n = false; } true ];
  };
  makeOverridable-scalar = { expr = makeOverridable ({ x }: x * 2) { x = 4; }; expected = 8; };
  makeOverridable-overrideAttrs = {
    expr = let
      mk = attrs: { inherit (attrs) v; overrideAttrs = f: mk (attrs // f attrs); };
      p = makeOverridable ({ v }: mk { inherit v; }) { v = 1; };
      q = p.overrideAttrs (old: { v = old.v + 1; });
    in [ p.v q.v (q ? override) ((q.override { v = 10; }).v) ];
    expected = [ 1 2 true 11 ];
  };
  overrideDerivation = {
    expr = let d = overrideDerivation single (old: { name = "renamed-${old.name}"; extra = "x"; }); in [ d.name d.drvAttrs.extra (isDerivation d) (d.outPath != single.outPath) ];
    expected = [ "renamed-single-1.0" "x" true true ];
  };
  overrideDerivation-via-callPackage = {
    expr = let
      p = callPackage ({ a }: mkDrv { name = "pkg-${toString a}"; }) { };
      q = p.overrideDerivation (old: { name = "other"; });
    in [ p.name q.name (q ? override) q.outPath (isDerivation q) ];
    expected = [ "pkg-1" "other" true (mkDrv { name = "other"; }).outPath true ];
  };
  extendDerivation = {
    expr = let d = extendDerivation true { hello = "world"; } multi; in [ d.hello d.bin.hello d.dev.outputSpecified d.bin.outputName (d.outPath == multi.outPath) (d.lib.outPath == multi.lib.outPath) (length d.all) ];
    expected = [ "world" "world" true "bin" true true 4 ];
  };
  extendDerivation-condition = { expr = [ (fails (extendDerivation false { } single).outPath) ((extendDerivation false { x = 1; } single).x) ]; expected = [ true 1 ]; };
  makeScope = {
    expr = let
      scope = makeScope (extra: callPackageWith (pkgSet // extra)) (self: {
        one = self.callPackage ({ a }: a + 1) { };
        two = self.callPackage ({ one, b }: one + b) { };
      });
      changed = scope.overrideScope (final: prev: { one = 100; });
      changed' = scope.overrideScope' (final: prev: { one = 200; });
    in [ scope.one scope.two changed.two changed'.two ((scope.newScope { b = 0; }) ({ one, b }: one + b) { }) ];
    expected = [ 2 22 120 220 2 ];
  };

  # == fetchers, asserts, versions, generators, debug =========================

  proxyImpureEnvVars = {
    expr = fetchers.proxyImpureEnvVars;
    expected = [ "http_proxy" "https_proxy" "ftp_proxy" "all_proxy" "no_proxy" "HTTP_PROXY" "HTTPS_PROXY" "FTP_PROXY" "ALL_PROXY" "NO_PROXY" "NIX_SSL_CERT_FILE" ];
  };
  assertMsg = { expr = [ (assertMsg true "fine") (fails (assertMsg false "bad")) ]; expected = [ true true ]; };
  assertMsg-assert = { expr = (assert assertMsg (1 < 2) "never"; "ok"); expected = "ok"; };
  assertOneOf = { expr = [ (assertOneOf "foo" "bar" [ "bar" "baz" ]) (fails (assertOneOf "foo" "foo" [ "bar" "baz" ])) ]; expected = [ true true ]; };
  assertEachOneOf = { expr = [ (assertEachOneOf "foo" [ "bar" ] [ "bar" "baz" ]) (fails (assertEachOneOf "foo" [ "bar" "x" ] [ "bar" "baz" ])) ]; expected = [ true true ]; };
  versions = {
    expr = [ (versions.major "1.2.3") (versions.minor "1.2.3") (versions.patch "1.2.3") (versions.majorMinor "1.2.3") (versions.majorMinor "1") (versions.splitVersion "1.2-rc3") ];
    expected = [ "1" "2" "3" "1.2" "1" [ "1" "2" "rc" "3" ] ];
  };
  versions-pad = { expr = [ (versions.pad 3 "1.2") (versions.pad 3 "1.3-rc1") (versions.pad 3 "1.2.3.4") ]; expected = [ "1.2.0" "1.3.0-rc1" "1.2.3" ]; };
  toPretty = {
    expr = [
      (generators.toPretty { } [ "a" 1 ])
      (generators.toPretty { multiline = false; } { b = [ 1 2.5 ]; "a b" = null; c = true; })
      (generators.toPretty { } { x = { y = "z"; }; })
      (generators.toPretty { } "line1\nline2\n")
      (generators.toPretty { } "one \"quoted\" \${x}")
      (generators.toPretty { } ({ a, b ? 1 }: a))
      (generators.toPretty { } (x: x))
      (generators.toPretty { } single)
      (generators.toPretty { } [ ])
      (generators.toPretty { } { })
      (generators.toPretty { allowPrettyValues = true; } { __pretty = v: "<${v}>"; val = "v"; })
      (generators.toPretty { indent = "    "; } [ 1 ])
    ];
    expected = [
      "[\n  \"a\"\n  1\n]"
      "{ \"a b\" = null; b = [ 1 2.5 ]; c = true; }"
      "{\n  x = {\n    y = \"z\";\n  };\n}"
      "''\n  line1\n  line2\n''"
      "\"one \\\"quoted\\\" \\\${x}\""
      "<function, args: {a, b?}>"
      "<function>"
      "<derivation single-1.0>"
      "[ ]"
      "{ }"
      "<v>"
      "[\n      1\n    ]"
    ];
  };
  toPretty-multiline-lastline = { expr = generators.toPretty { } "a\nb"; expected = "''\n  a\n  b''"; };
  generators-kv = {
    expr = [
      (generators.toKeyValue { } { a = 1; b = "x y"; c = true; d = null; })
      (generators.toKeyValue { listsAsDuplicateKeys = true; } { k = [ 1 2 ]; })
      (generators.toKeyValue { mkKeyValue = generators.mkKeyValueDefault { } ":"; } { "a:b" = "c"; })
      (generators.mkValueStringDefault { } single)
      (generators.toJSON { } { a = [ 1 ]; })
      (generators.toYAML { } { a = "b"; })
    ];
    expected = [ "a=1\nb=x y\nc=true\nd=null\n" "k=1\nk=2\n" "a\\:b:c\n" "${single}" "{\"a\":[1]}" "{\"a\":\"b\"}" ];
  };
  toINI = {
    expr = generators.toINI { } { foo = { hi = "\${pkgs.hello}"; ciao = "bar"; }; baz = { "also, integers" = 42; }; };
    expected = "[baz]\nalso, integers=42\n\n[foo]\nciao=bar\nhi=\${pkgs.hello}\n";
  };
  debug = {
    expr = [ (traceIf false "never" 1) (traceIf true "traceIf message" 2) (traceVal 3) (traceValFn (x: "fn ${toString x}") 4) (traceSeq { a = [ 1 ]; } 5) (traceValSeq [ 6 ]) (traceValSeqFn (x: x) 7) ];
    expected = [ 1 2 3 4 5 [ 6 ] 7 ];
  };

  # == what dockerTools needs, through the flat names =========================

  dockertools-usage = {
    expr = [
      (head (strings.splitString "-" "abc123-layer.tar"))
      (toLower "MyImage")
      (concatMapStringsSep " " (x: "--layer ${x}") [ "a" "b" ])
      (escapeShellArgs (toList "one"))
    ];
    expected = [ "abc123" "myimage" "--layer a --layer b" "'one'" ];
  };
  lib-top-level = {
    expr = map (n: lib ? ${n}) [ "lists" "strings" "attrsets" "trivial" "fixedPoints" "customisation" "fetchers" "asserts" "versions" "generators" "debug" "fix" "callPackageWith" "extend" ];
    expected = map (_: true) (range 1 14);
  };
  lib-namespaces-flat = {
    expr = [ (lib ? proxyImpureEnvVars) (lib ? majorMinor) (lib ? toPretty) (lib.lists ? optionals) (lib.strings ? optionalString) ];
    expected = [ false false false true true ];
  };
}
