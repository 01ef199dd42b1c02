# Operations on lists. Nix has few list primitives, and everyday code keeps
# needing folds, slices, set-like operations, zips and sorting on top of them.
# Everything here is built from the list builtins (genList, elemAt, foldl',
# filter, concatMap, ...) rather than element-by-element recursion, which is
# both what keeps long lists cheap and what keeps evaluation stacks shallow.
{ lib }:

let
  inherit (builtins)
    length elemAt genList foldl' filter concatMap head tail isList isInt
    isString listToAttrs elem any unsafeDiscardStringContext;
  inherit (lib.trivial) min compare;
in
rec {

  inherit (builtins)
    head tail length elem elemAt filter map concatLists concatMap genList sort
    partition any all foldl' groupBy isList;

  # -- folds -----------------------------------------------------------------

  # op x0 (op x1 (... (op xn nul))), as lazy as a recursive definition: each
  # step's accumulator is a thunk inside a small set, so `op` sees it unevaluated.
  foldr = op: nul: list:
    let n = length list;
    in (foldl' (acc: i: { v = op (elemAt list i) acc.v; })
      { v = nul; } (genList (i: n - 1 - i) n)).v;

  fold = foldr;

  # op (... (op (op nul x0) x1) ...) xn, lazily (builtins.foldl' is the strict one).
  foldl = op: nul: list:
    (foldl' (acc: x: { v = op acc.v x; }) { v = nul; } list).v;

  # -- indexed maps and filters ----------------------------------------------

  imap0 = f: list: genList (i: f i (elemAt list i)) (length list);
  imap1 = f: list: genList (i: f (i + 1) (elemAt list i)) (length list);

  # Keep the elements for which `ipred index element` holds (indices from 0).
  ifilter0 = ipred: list:
    map (i: elemAt list i)
      (filter (i: ipred i (elemAt list i)) (genList (i: i) (length list)));

  forEach = xs: f: map f xs;

  # -- building lists --------------------------------------------------------

  # [first .. last], empty when first > last.
  range = first: last:
    if first > last then [ ] else genList (n: first + n) (last - first + 1);

  replicate = n: x: genList (_: x) n;

  optional = cond: elem: if cond then [ elem ] else [ ];

  optionals = cond: elems: if cond then elems else [ ];

  toList = x: if isList x then x else [ x ];

  # Nested lists spliced into one flat list; a non-list becomes a singleton.
  flatten = x: if isList x then concatMap flatten x else [ x ];

  # f applied to every combination of one element from each list, the first
  # list varying slowest.
  crossLists = f: lists:
    foldl' (fs: args: concatMap (g: map g args) fs) [ f ] lists;

  # -- searching -------------------------------------------------------------

  remove = e: filter (x: x != e);

  count = pred: foldl' (c: x: if pred x then c + 1 else c) 0;

  # The index of the first element satisfying pred, or `default`. `pred` is
  # not called past the first hit.
  findFirstIndex = pred: default: list:
    let
      found = foldl'
        (acc: x: if acc.hit then acc else if pred x then acc // { hit = true; } else acc // { i = acc.i + 1; })
        { hit = false; i = 0; } list;
    in if found.hit then found.i else default;

  findFirst = pred: default: list:
    let i = findFirstIndex pred null list;
    in if i == null then default else elemAt list i;

  # The only element satisfying pred; `default` when none does, `multiple` when
  # more than one does.
  findSingle = pred: default: multiple: list:
    let hits = filter pred list; n = length hits;
    in if n == 0 then default else if n == 1 then head hits else multiple;

  # -- slices ----------------------------------------------------------------

  # `count` elements from index `start` (fewer at the end of the list).
  sublist = start: count: list:
    let
      len = length list;
      n = if start >= len then 0 else if start + count > len then len - start else count;
    in genList (i: elemAt list (start + i)) n;

  take = count: sublist 0 count;

  drop = count: list: sublist count (length list) list;

  # The last n elements (all of them when there are fewer).
  takeEnd = n: list: drop (lib.trivial.max 0 (length list - n)) list;

  # All but the last n elements.
  dropEnd = n: list: take (lib.trivial.max 0 (length list - n)) list;

  last = list:
    assert lib.asserts.assertMsg (list != [ ]) "lists.last: list must not be empty!";
    elemAt list (length list - 1);

  init = list:
    assert lib.asserts.assertMsg (list != [ ]) "lists.init: list must not be empty!";
    take (length list - 1) list;

  reverseList = list:
    let n = length list;
    in genList (i: elemAt list (n - 1 - i)) n;

  # -- zips ------------------------------------------------------------------

  zipListsWith = f: fst: snd:
    genList (i: f (elemAt fst i) (elemAt snd i)) (min (length fst) (length snd));

  zipLists = zipListsWith (fst: snd: { inherit fst snd; });

  # -- grouping --------------------------------------------------------------

  # groupBy, then fold each group (lazily, from the left) with op.
  groupBy' = op: nul: pred: list:
    builtins.mapAttrs (_: foldl op nul) (builtins.groupBy pred list);

  # -- set-like operations ---------------------------------------------------

  # The list without repeated elements, first occurrences kept in order.
  # Elements that == compares by a simple key (strings, integers, booleans,
  # null, paths, and derivations, which == compares by their outPath) are
  # deduplicated through an attribute set, as listToAttrs keeps the first of
  # equal names; when any element has no such key (floats, which can equal
  # integers, lists, other sets, functions) all are compared pairwise.
  unique = list:
    let
      n = length list;
      key = x:
        if isString x then "s" + unsafeDiscardStringContext x
        else if isInt x then "i" + toString x
        else if x == null then "n"
        else if builtins.isBool x then (if x then "t" else "f")
        else if builtins.isPath x then "p" + toString x
        else if x.type or null == "derivation" && isString (x.outPath or null)
        then "d" + unsafeDiscardStringContext x.outPath
        else null;
      keys = map key list;
      firsts = listToAttrs (genList (i: { name = elemAt keys i; value = i; }) n);
    in
    if builtins.all (k: k != null) keys
    then map (i: elemAt list i) (filter (i: firsts.${elemAt keys i} == i) (genList (i: i) n))
    else foldl' (acc: x: if elem x acc then acc else acc ++ [ x ]) [ ] list;

  allUnique = list: length (unique list) == length list;

  # The elements of `list` that are also in `e`.
  intersectLists = e: filter (x: elem x e);

  # The elements of `list` that are not in `e`.
  subtractLists = e: filter (x: !(elem x e));

  # Whether the two lists have no element in common.
  mutuallyExclusive = a: b: !(any (x: elem x a) b);

  # -- ordering --------------------------------------------------------------

  # Lexicographic comparison of two lists with `cmp` (returning -1/0/1) on
  # elements; a proper prefix comes first.
  compareLists = cmp: a: b:
    let
      la = length a;
      lb = length b;
      n = min la lb;
      firstDiff = foldl'
        (acc: i: if acc != 0 then acc else cmp (elemAt a i) (elemAt b i))
        0 (genList (i: i) n);
    in if firstDiff != 0 then firstDiff else compare la lb;

  # Sort strings so that runs of digits compare as numbers ("a9" < "a10").
  naturalSort = list:
    let
      pieces = s: map (p: if isList p then builtins.fromJSON (head p) else p)
        (builtins.split "(0|[1-9][0-9]*)" s);
      keyed = map (s: { k = pieces s; inherit s; }) list;
    in map (x: x.s) (builtins.sort (a: b: compareLists compare a.k b.k < 0) keyed);

  # Depth-first search for a minimal element of `list` under `before` (a
  # relation "a must come before b"). Starting from the head, the walk moves to
  # the first remaining element that comes before the current one, until none
  # does. The result names that element (`minimal`), the elements walked
  # through (`visited`, most recent first) and the untouched ones (`rest`).
  # With stopOnCycles, reaching an element that something already visited must
  # precede stops the walk: { cycle; loops; visited; rest; }.
  listDfs = stopOnCycles: before: list:
    let
      n = length list;
      step = st:
        if st ? done then st
        else
          let
            u = st.current;
            loops = filter (x: before x u) st.visited;
            split = builtins.partition (x: before x u) st.rest;
          in
          if stopOnCycles && loops != [ ] then
            { done = true; cycle = u; inherit loops; inherit (st) visited rest; }
          else if split.right == [ ] then
            { done = true; minimal = u; inherit (st) visited rest; }
          else {
            current = head split.right;
            visited = [ u ] ++ st.visited;
            rest = tail split.right ++ split.wrong;
          };
      # Each step either stops or moves one element from `rest` to `visited`,
      # so n steps always suffice.
      final = foldl' (st: _: step st)
        { current = head list; visited = [ ]; rest = tail list; }
        (genList (i: i) n);
    in removeAttrs final [ "done" ];

  # Sort `list` topologically under `before`: { result = [...]; } or, when
  # `before` has a cycle, { cycle = [...]; loops = [...]; } with the path that
  # led to it (oldest first) and the elements it loops back to.
  toposort = before: list:
    let
      n = length list;
      step = st:
        if st ? cycle || length st.todo < 2 then st
        else
          let found = listDfs true before st.todo;
          in
          if found ? cycle then {
            cycle = reverseList ([ found.cycle ] ++ found.visited);
            inherit (found) loops;
          } else {
            sorted = st.sorted ++ [ found.minimal ];
            todo = found.visited ++ found.rest;
          };
      final = foldl' (st: _: step st) { sorted = [ ]; todo = list; } (genList (i: i) n);
    in
    if final ? cycle then final else { result = final.sorted ++ final.todo; };
}
