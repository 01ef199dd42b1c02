# Rendering Nix values as text: `toPretty` prints any value as Nix source
# (used by the assertion messages), and the key-value/INI writers produce
# configuration files from attribute sets.
{ lib }:

let
  inherit (builtins)
    isInt isFloat isString isList isAttrs isPath split filter
    concatStringsSep length addErrorContext;
  inherit (lib.strings) escape escapeNixIdentifier floatToString;
  inherit (lib.attrsets) mapAttrsToList isDerivation;
in
rec {

  toJSON = { }: builtins.toJSON;

  # JSON is a subset of YAML 1.2.
  toYAML = { }: builtins.toJSON;

  # A value as Nix source. multiline puts the elements of lists and sets on
  # lines of their own (indented by `indent` plus two spaces per level);
  # allowPrettyValues lets a set { __pretty = f; val = v; } print as f v.
  toPretty = { allowPrettyValues ? false, multiline ? true, indent ? "" }:
    let
      show = ind: v:
        let
          open = if multiline then "\n${ind}  " else " ";
          close = if multiline then "\n${ind}" else " ";
          inner = show "${ind}  ";
        in
        if isInt v then toString v
        else if isFloat v then builtins.toJSON v
        else if isString v then showString open close v
        else if v == true then "true"
        else if v == false then "false"
        else if v == null then "null"
        else if isPath v then toString v
        else if isList v then
          (if v == [ ] then "[ ]" else "[" + open + concatStringsSep open (map inner v) + close + "]")
        else if lib.trivial.isFunction v then
          let
            args = lib.trivial.functionArgs v;
            shown = concatStringsSep ", " (mapAttrsToList (n: opt: if opt then n + "?" else n) args);
          in if args == { } then "<function>" else "<function, args: {${shown}}>"
        else if isAttrs v then
          (if allowPrettyValues && v ? __pretty && v ? val then v.__pretty v.val
          else if v == { } then "{ }"
          else if isDerivation v then "<derivation ${v.name or "???"}>"
          else "{" + open
            + concatStringsSep open (mapAttrsToList
                (n: value: "${escapeNixIdentifier n} = ${
                  addErrorContext "while evaluating an attribute `${n}`" (inner value)};")
                v)
            + close + "}")
        else abort "generators.toPretty: cannot print a value of type ${builtins.typeOf v}";

      # One line in double quotes, or (multiline, with line breaks) an
      # indented string with the final '' after the last line.
      showString = open: close: s:
        let
          lines = filter isString (split "\n" s);
          quoted = "\"" + concatStringsSep "\\n" (map (escape [ "\\" "\"" "\${" ]) lines) + "\"";
          indented = map (builtins.replaceStrings [ "\${" "''" ] [ "''\${" "'''" ]) lines;
          lastLine = lib.lists.last indented;
        in
        if multiline && length lines > 1 then
          "''" + open + concatStringsSep open (lib.lists.init indented)
          + (if lastLine == "" then close else open + lastLine) + "''"
        else quoted;
    in show indent;

  # The default rendering of a value in key-value files: strings as they are,
  # numbers, booleans and null spelled out, derivations as their path.
  mkValueStringDefault = { }: v:
    let unsupported = what: abort "generators.mkValueStringDefault: ${what} not supported: ${toPretty { } v}";
    in
    if isInt v then toString v
    else if isDerivation v then toString v
    else if isString v then v
    else if v == true then "true"
    else if v == false then "false"
    else if v == null then "null"
    else if isList v then unsupported "lists"
    else if isAttrs v then unsupported "attrsets"
    else if lib.trivial.isFunction v then unsupported "functions"
    else if isFloat v then floatToString v
    else unsupported "this value is";

  # "key<sep>value", with `sep` escaped in the key.
  mkKeyValueDefault = { mkValueString ? mkValueStringDefault { } }: sep: k: v:
    "${escape [ sep ] k}${sep}${mkValueString v}";

  # One "key=value" line per attribute; with listsAsDuplicateKeys a list
  # value gives one line per element.
  toKeyValue = { mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }: attrs:
    let
      line = k: v: mkKeyValue k v + "\n";
      lines = k: v:
        if listsAsDuplicateKeys
        then map (line k) (lib.lists.toList v)
        else [ (line k v) ];
    in concatStringsSep "" (builtins.concatLists (mapAttrsToList lines attrs));

  # An INI file: one [section] per attribute, its value a set of keys.
  toINI = { mkSectionName ? (name: escape [ "[" "]" ] name)
          , mkKeyValue ? mkKeyValueDefault { } "="
          , listsAsDuplicateKeys ? false }: sections:
    concatStringsSep "\n" (mapAttrsToList
      (name: values: "[${mkSectionName name}]\n"
        + toKeyValue { inherit mkKeyValue listsAsDuplicateKeys; } values)
      sections);
}
