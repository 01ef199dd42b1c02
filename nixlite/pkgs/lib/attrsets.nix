# Operations on attribute sets: reaching into nested sets by attribute path,
# mapping and filtering over names and values, merging (recursively and by
# name), and the conventions packages follow (derivations, their outputs,
# `recurseForDerivations`). Built on mapAttrs, listToAttrs, zipAttrsWith,
# removeAttrs and friends, so each operation is one pass over the names.
{ lib }:

let
  inherit (builtins)
    attrNames attrValues listToAttrs mapAttrs removeAttrs isAttrs
    length elemAt genList foldl' filter concatMap catAttrs all
    intersectAttrs concatStringsSep zipAttrsWith;
in
rec {

  inherit (builtins)
    attrNames attrValues catAttrs getAttr hasAttr intersectAttrs listToAttrs
    mapAttrs removeAttrs zipAttrsWith isAttrs;

  # -- attribute paths -------------------------------------------------------

  # The value at `attrPath` (a list of names) inside `set`, or `default` when
  # some name along the way is missing (or the value there is not a set).
  attrByPath = attrPath: default: set:
    let
      n = length attrPath;
      walk = i: s:
        if i == n then s
        else
          let name = elemAt attrPath i;
          in if s ? ${name} then walk (i + 1) s.${name} else default;
    in walk 0 set;

  hasAttrByPath = attrPath: set:
    let
      n = length attrPath;
      walk = i: s:
        i == n || (let name = elemAt attrPath i; in s ? ${name} && walk (i + 1) s.${name});
    in walk 0 set;

  # A set of nested sets holding `value` at `attrPath`.
  setAttrByPath = attrPath: value:
    let n = length attrPath;
    in foldl' (acc: i: { ${elemAt attrPath (n - 1 - i)} = acc; }) value (genList (i: i) n);

  # As attrByPath, but a missing attribute is an error.
  getAttrFromPath = attrPath: set:
    attrByPath attrPath
      (throw "getAttrFromPath: cannot find attribute `${concatStringsSep "." attrPath}'")
      set;

  # The attribute path written as Nix would accept it in an expression.
  showAttrPath = path:
    if path == [ ] then "<root attribute path>"
    else concatStringsSep "." (map lib.strings.escapeNixIdentifier path);

  # The values of the named attributes, in the order of `nameList`.
  attrVals = nameList: set: map (name: set.${name}) nameList;

  # -- building sets ---------------------------------------------------------

  nameValuePair = name: value: { inherit name value; };

  genAttrs = names: f: listToAttrs (map (n: { name = n; value = f n; }) names);

  optionalAttrs = cond: as: if cond then as else { };

  # -- mapping ---------------------------------------------------------------

  # A new set from the {name, value} pairs `f name value` returns.
  mapAttrs' = f: set: listToAttrs (map (name: f name set.${name}) (attrNames set));

  mapAttrsToList = f: set: map (name: f name set.${name}) (attrNames set);

  # Deprecated name of mapAttrsToList.
  mapAttrsFlatten = mapAttrsToList;

  # [ { name; value; } ... ], sorted by name.
  attrsToList = mapAttrsToList nameValuePair;

  # The union of the sets `f name value` returns (later names win).
  concatMapAttrs = f: set: foldl' (acc: s: acc // s) { } (mapAttrsToList f set);

  # f applied to every leaf of nested sets, given the leaf's path and value.
  mapAttrsRecursive = f: set: mapAttrsRecursiveCond (_: true) f set;

  # As mapAttrsRecursive, descending only into the sets satisfying `cond`.
  mapAttrsRecursiveCond = cond: f: set:
    let
      go = path: mapAttrs (name: value:
        let here = path ++ [ name ];
        in if isAttrs value && cond value then go here value else f here value);
    in go [ ] set;

  # -- filtering -------------------------------------------------------------

  filterAttrs = pred: set:
    removeAttrs set (filter (name: !pred name set.${name}) (attrNames set));

  # filterAttrs, applied again inside every kept value that is a set.
  filterAttrsRecursive = pred: set:
    listToAttrs (concatMap
      (name:
        let v = set.${name};
        in if pred name v
        then [ { inherit name; value = if isAttrs v then filterAttrsRecursive pred v else v; } ]
        else [ ])
      (attrNames set));

  # Every value (the argument itself included) satisfying `pred`, searching
  # inside sets that do not.
  collect = pred: attrs:
    if pred attrs then [ attrs ]
    else if isAttrs attrs then concatMap (collect pred) (attrValues attrs)
    else [ ];

  # Whether every attribute of `pattern` is in `attrs` with an equal value,
  # nested sets in the pattern matching recursively.
  matchAttrs = pattern: attrs:
    assert isAttrs pattern;
    all
      (name:
        let pat = pattern.${name};
        in attrs ? ${name} && (
          if isAttrs pat
          then isAttrs attrs.${name} && matchAttrs pat attrs.${name}
          else attrs.${name} == pat))
      (attrNames pattern);

  # -- folding and zipping ---------------------------------------------------

  foldlAttrs = f: init: set: foldl' (acc: name: f acc name set.${name}) init (attrNames set);

  # For each name in the sets, the right fold of `op` over its values (in
  # list order) starting from `nul`.
  foldAttrs = op: nul: list: mapAttrs (_: lib.lists.foldr op nul) (zipAttrs list);

  # For each of `names`, f name [values of the sets having it].
  zipAttrsWithNames = names: f: sets:
    listToAttrs (map (name: { inherit name; value = f name (catAttrs name sets); }) names);

  zipAttrs = zipAttrsWith (_: values: values);

  # -- merging ---------------------------------------------------------------

  # Merge `rhs` into `lhs` recursively, stopping (the rhs value wins) where
  # `pred path lhsValue rhsValue` holds.
  recursiveUpdateUntil = pred: lhs: rhs:
    let
      merge = path: l: r: l // mapAttrs
        (name: rv:
          let here = path ++ [ name ];
          in if !(l ? ${name}) || pred here l.${name} rv then rv else merge here l.${name} rv)
        r;
    in merge [ ] lhs rhs;

  # Merge `rhs` into `lhs`, descending where both sides hold sets.
  recursiveUpdate = recursiveUpdateUntil (_: l: r: !(isAttrs l && isAttrs r));

  # The union of a list of sets (later ones win).
  mergeAttrsList = list: foldl' (acc: s: acc // s) { } list;

  # The attributes of `old`, with values taken from `new` where it has them.
  overrideExisting = old: new: mapAttrs (name: value: new.${name} or value) old;

  # x // y, where a name both define is an error when its value is used.
  unionOfDisjoint = x: y:
    let
      both = intersectAttrs x y;
      names = concatStringsSep " " (attrNames both);
    in x // y // mapAttrs
      (name: _: throw "unionOfDisjoint: collision on ${name}; complete list: ${names}")
      both;

  # Every combination of one element from each list-valued attribute.
  cartesianProductOfSets = sets:
    foldl'
      (acc: name: concatMap (partial: map (v: partial // { ${name} = v; }) sets.${name}) acc)
      [ { } ] (attrNames sets);

  # -- derivations -----------------------------------------------------------

  isDerivation = value: value.type or null == "derivation";

  # The `output` output of a package: that output when the package is not
  # one specific output already, else the package (or its `out`) itself.
  getOutput = output: pkg:
    if !(pkg ? outputSpecified) || !pkg.outputSpecified
    then pkg.${output} or pkg.out or pkg
    else pkg;

  getBin = getOutput "bin";
  getLib = getOutput "lib";
  getDev = getOutput "dev";
  getMan = getOutput "man";

  chooseDevOutputs = map getDev;

  # Mark a set for nix-env/hydra to look inside for derivations.
  recurseIntoAttrs = attrs: attrs // { recurseForDerivations = true; };
  dontRecurseIntoAttrs = attrs: attrs // { recurseForDerivations = false; };
}
