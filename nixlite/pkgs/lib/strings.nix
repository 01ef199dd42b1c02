# Operations on strings: joining and splitting, prefixes and suffixes, case,
# escaping for shells, regular expressions and Nix itself, search paths built
# from packages, configure/meson/cmake flags, package names and versions, and
# conversions to and from numbers. Splitting and searching go through the
# regular-expression builtins (split, match) so no character-by-character
# recursion is needed.
{ lib }:

let
  inherit (builtins)
    length head tail elemAt filter genList isString isList isInt isAttrs isPath
    match split substring stringLength replaceStrings concatStringsSep
    unsafeDiscardStringContext toJSON fromJSON typeOf parseDrvName storeDir
    readFile all elem;
in
rec {

  inherit (builtins)
    stringLength substring head tail isString match split replaceStrings
    concatStringsSep compareVersions parseDrvName toJSON fromJSON
    unsafeDiscardStringContext elem elemAt filter readFile typeOf storeDir;

  # -- joining ---------------------------------------------------------------

  concatStrings = concatStringsSep "";

  concatMapStrings = f: list: concatStrings (map f list);

  concatImapStrings = f: list: concatStrings (lib.lists.imap1 f list);

  concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);

  concatImapStringsSep = sep: f: list: concatStringsSep sep (lib.lists.imap1 f list);

  # Every string followed by a newline.
  concatLines = concatMapStrings (s: s + "\n");

  # The list with `separator` placed between consecutive elements.
  intersperse = separator: list:
    if list == [ ] then [ ]
    else tail (builtins.concatMap (x: [ separator x ]) list);

  optionalString = cond: string: if cond then string else "";

  # -- search paths ----------------------------------------------------------

  # "p1/subDir:p2/subDir:..." for the non-null entries of `paths`.
  makeSearchPath = subDir: paths:
    concatStringsSep ":" (map (p: p + "/" + subDir) (filter (p: p != null) paths));

  # As makeSearchPath, taking each package's `output` output (when it has one).
  makeSearchPathOutput = output: subDir: pkgs:
    makeSearchPath subDir (map (lib.attrsets.getOutput output) pkgs);

  makeLibraryPath = makeSearchPathOutput "lib" "lib";

  makeIncludePath = makeSearchPathOutput "dev" "include";

  makeBinPath = makeSearchPathOutput "bin" "bin";

  # Runs of slashes collapsed to one.
  normalizePath = s: concatStringsSep "/" (filter isString (split "/+" s));

  # -- prefixes, suffixes, infixes -------------------------------------------

  hasPrefix = pref: str: substring 0 (stringLength pref) str == pref;

  hasSuffix = suffix: content:
    let
      lc = stringLength content;
      ls = stringLength suffix;
    in lc >= ls && substring (lc - ls) ls content == suffix;

  hasInfix = infix: content:
    infix == "" || length (split (escapeRegex infix) (toString content)) > 1;

  removePrefix = prefix: str:
    let lp = stringLength prefix;
    in if hasPrefix prefix str then substring lp (stringLength str - lp) str else str;

  removeSuffix = suffix: str:
    let
      ls = stringLength suffix;
      lstr = stringLength str;
    in if hasSuffix suffix str then substring 0 (lstr - ls) str else str;

  # The number of leading characters the two strings share.
  commonPrefixLength = a: b:
    let
      n = lib.trivial.min (stringLength a) (stringLength b);
      same = i: substring i 1 a == substring i 1 b;
    in lib.lists.findFirstIndex (i: !same i) n (genList (i: i) n);

  # The number of trailing characters the two strings share.
  commonSuffixLength = a: b:
    let
      la = stringLength a;
      lb = stringLength b;
      n = lib.trivial.min la lb;
      same = i: substring (la - 1 - i) 1 a == substring (lb - 1 - i) 1 b;
    in lib.lists.findFirstIndex (i: !same i) n (genList (i: i) n);

  # -- characters and case ---------------------------------------------------

  stringToCharacters = s: genList (i: substring i 1 s) (stringLength s);

  # The concatenation of f applied to every character.
  stringAsChars = f: s: concatMapStrings f (stringToCharacters s);

  lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
  upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  toLower = replaceStrings upperChars lowerChars;
  toUpper = replaceStrings lowerChars upperChars;

  # Alias kept for older code.
  replaceChars = replaceStrings;

  # Leading and trailing whitespace (space, tab, CR, LF) removed.
  trim = trimWith { start = true; end = true; };

  trimWith = { start ? false, end ? false }: s:
    let
      ws = "[ \t\r\n]*";
      body = if end then "(.*[^ \t\r\n])?" else "(.*)";
      kept = head (match "${if start then ws else ""}${body}${if end then ws else ""}" s);
    in if kept == null then "" else kept;

  # -- escaping --------------------------------------------------------------

  # Each character of `list` occurring in the string preceded by a backslash.
  escape = list: replaceStrings list (map (c: "\\${c}") list);

  # Quoted for a POSIX shell: the whole string in single quotes.
  escapeShellArg = arg: "'${replaceStrings [ "'" ] [ "'\\''" ] (toString arg)}'";

  escapeShellArgs = concatMapStringsSep " " escapeShellArg;

  # The string as a literal for builtins.match and builtins.split.
  escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");

  # The string as a Nix string literal, quotes included.
  escapeNixString = s: escape [ "$" ] (toJSON s);

  # The string as a Nix attribute name: bare when it is an identifier,
  # quoted otherwise.
  escapeNixIdentifier = s:
    if match "[a-zA-Z_][a-zA-Z0-9_'-]*" s != null then s else escapeNixString s;

  escapeXML = replaceStrings
    [ "\"" "'" "<" ">" "&" ]
    [ "&quot;" "&apos;" "&lt;" "&gt;" "&amp;" ];

  isValidPosixName = name: match "[a-zA-Z_][a-zA-Z0-9_]*" name != null;

  # A shell assignment of `value` to `name`: a scalar, an indexed array for
  # lists, an associative array for attribute sets.
  toShellVar = name: value:
    lib.trivial.throwIfNot (isValidPosixName name) "toShellVar: ${name} is not a valid shell variable name" (
      if isAttrs value && !isStringLike value then
        "declare -A ${name}=(${concatStringsSep " " (lib.attrsets.mapAttrsToList (n: v: "[${escapeShellArg n}]=${escapeShellArg v}") value)})"
      else if isList value then
        "declare -a ${name}=(${escapeShellArgs value})"
      else
        "${name}=${escapeShellArg value}"
    );

  toShellVars = vars: concatStringsSep "\n" (lib.attrsets.mapAttrsToList toShellVar vars);

  # -- splitting -------------------------------------------------------------

  # The pieces of `s` between occurrences of the literal separator `sep`;
  # the pieces keep the string context of both arguments.
  splitString = sep: s:
    let
      pieces = filter isString (split (escapeRegex (unsafeDiscardStringContext (toString sep)))
        (unsafeDiscardStringContext (toString s)));
    in map (p: addContextFrom sep (addContextFrom s p)) pieces;

  # `b` carrying the string context of `a` as well.
  addContextFrom = a: b: substring 0 0 a + b;

  # -- files -----------------------------------------------------------------

  # A file's text without its final newline.
  fileContents = file: removeSuffix "\n" (readFile file);

  # -- build flags -----------------------------------------------------------

  enableFeature = enable: feat: "--${if enable then "enable" else "disable"}-${feat}";

  enableFeatureAs = enable: feat: value:
    enableFeature enable feat + optionalString enable "=${value}";

  withFeature = with_: feat: "--${if with_ then "with" else "without"}-${feat}";

  withFeatureAs = with_: feat: value:
    withFeature with_ feat + optionalString with_ "=${value}";

  mesonOption = feature: value: "-D${feature}=${value}";

  mesonBool = feature: flag: mesonOption feature (if flag then "true" else "false");

  mesonEnable = feature: flag: mesonOption feature (if flag then "enabled" else "disabled");

  cmakeOptionType = type: feature: value: "-D${feature}:${toUpper type}=${value}";

  cmakeBool = condition: flag: cmakeOptionType "bool" condition (if flag then "TRUE" else "FALSE");

  cmakeFeature = feature: value: cmakeOptionType "string" feature value;

  # -- padding and numbers ---------------------------------------------------

  # `str` padded on the left with the one-character `filler` to `width`.
  fixedWidthString = width: filler: str:
    let n = stringLength str;
    in assert lib.asserts.assertMsg (n <= width)
      "fixedWidthString: requested string length (${toString width}) must not be shorter than actual length (${toString n})";
    concatStrings (genList (_: filler) (width - n)) + str;

  fixedWidthNumber = width: n: fixedWidthString width "0" (toString n);

  # toString of a float, warning when it does not read back as the same number.
  floatToString = float:
    let s = toString float;
    in if fromJSON s == float then s else lib.trivial.warn "Imprecise conversion from float to string ${s}" s;

  # Parse a decimal integer, surrounded by optional whitespace. Leading zeros
  # are refused as ambiguous (octal or padded?); see toIntBase10.
  toInt = str:
    let
      m = match "[[:space:]]*(-?)([[:digit:]]+)[[:space:]]*" str;
      digits = elemAt m 1;
      parsed = fromJSON (head m + digits);
    in
    if m == null then throw "toInt: Could not convert ${escapeNixString str} to int."
    else if stringLength digits > 1 && substring 0 1 digits == "0"
    then throw "toInt: Ambiguity in interpretation of ${escapeNixString str} between octal and zero padded integer."
    else if !isInt parsed then throw "toInt: Could not convert ${escapeNixString str} to int."
    else parsed;

  # As toInt, reading leading zeros as decimal padding.
  toIntBase10 = str:
    let
      m = match "[[:space:]]*(-?)([[:digit:]]+)[[:space:]]*" str;
      significant = match "0*([1-9][[:digit:]]*)" (elemAt m 1);
      parsed = if significant == null then 0 else fromJSON (head m + head significant);
    in
    if m == null || !isInt parsed
    then throw "toIntBase10: Could not convert ${escapeNixString str} to int."
    else parsed;

  # -- kinds of strings ------------------------------------------------------

  # Whether toString would accept the value ("${x}" accepts fewer).
  isCoercibleToString = x:
    elem (typeOf x) [ "path" "string" "null" "int" "float" "bool" ]
    || (isList x && all isCoercibleToString x)
    || x ? outPath || x ? __toString;

  # Whether the value can be interpolated into a string.
  isStringLike = x: isString x || isPath x || x ? outPath || x ? __toString;

  # Whether the value is (or stands for) a path directly under the store.
  isStorePath = x:
    if isStringLike x then
      let str = toString x;
      in substring 0 1 str == "/" && dirOf str == storeDir
    else false;

  # -- names and versions ----------------------------------------------------

  # The name part of a package (or of a "name-version" string).
  getName = x:
    if isString x then (parseDrvName x).name
    else x.pname or (parseDrvName x.name).name;

  getVersion = x:
    if isString x then (parseDrvName x).version
    else x.version or (parseDrvName x.name).version;

  # The part of a URL's last component before the first `sep`.
  nameFromURL = url: sep:
    let
      file = lib.lists.last (splitString "/" url);
      name = head (splitString sep file);
    in assert name != file; name;

  versionOlder = v1: v2: compareVersions v2 v1 == 1;

  versionAtLeast = v1: v2: !versionOlder v1 v2;

  # A valid derivation name made from an arbitrary string: no context, no
  # leading dots, runs of forbidden characters turned into "-", at most 207
  # characters (the end is kept), and "unknown" when nothing is left.
  sanitizeDerivationName =
    let ok = match "[[:alnum:]+_?=-][[:alnum:]+._?=-]*";
    in string:
      if stringLength string <= 207 && ok string != null
      then unsafeDiscardStringContext string
      else
        let
          bare = unsafeDiscardStringContext string;
          noDots = head (match "\\.*(.*)" bare);
          cleaned = concatMapStrings (p: if isList p then "-" else p)
            (split "[^[:alnum:]+._?=-]+" noDots);
          len = stringLength cleaned;
          tailEnd = substring (lib.trivial.max (len - 207) 0) (-1) cleaned;
        in if tailEnd == "" then "unknown" else tailEnd;
}
