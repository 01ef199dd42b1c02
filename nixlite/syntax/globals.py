"""The names Nix 2.8 binds in the top-level scope of every file.

Each builtin is reachable as `builtins.NAME`; most are also in scope as
`__NAME`, a few without the prefix. The parser needs the names to report
undefined variables before evaluation, as Nix does; tests check this table
against the installed Nix.
"""

# Builtins in scope under their own name.
PLAIN = (
    'abort', 'baseNameOf', 'builtins', 'derivation', 'derivationStrict', 'dirOf', 'false',
    'fetchGit', 'fetchMercurial', 'fetchTarball', 'fetchTree', 'fromTOML', 'import', 'isNull',
    'map', 'null', 'placeholder', 'removeAttrs', 'scopedImport', 'throw', 'toString', 'true',
)

# Builtins in scope as `__NAME`.
PREFIXED = (
    'add', 'addErrorContext', 'all', 'any', 'appendContext', 'attrNames', 'attrValues',
    'bitAnd', 'bitOr', 'bitXor', 'catAttrs', 'ceil', 'compareVersions', 'concatLists',
    'concatMap', 'concatStringsSep', 'currentSystem', 'currentTime', 'deepSeq', 'div', 'elem',
    'elemAt', 'fetchurl', 'filter', 'filterSource', 'findFile', 'floor', "foldl'", 'fromJSON',
    'functionArgs', 'genList', 'genericClosure', 'getAttr', 'getContext', 'getEnv', 'groupBy',
    'hasAttr', 'hasContext', 'hashFile', 'hashString', 'head', 'intersectAttrs', 'isAttrs',
    'isBool', 'isFloat', 'isFunction', 'isInt', 'isList', 'isPath', 'isString', 'langVersion',
    'length', 'lessThan', 'listToAttrs', 'mapAttrs', 'match', 'mul', 'nixPath', 'nixVersion',
    'parseDrvName', 'partition', 'path', 'pathExists', 'readDir', 'readFile', 'replaceStrings',
    'seq', 'sort', 'split', 'splitVersion', 'storeDir', 'storePath', 'stringLength', 'sub',
    'substring', 'tail', 'toFile', 'toJSON', 'toPath', 'toXML', 'trace', 'tryEval', 'typeOf',
    'unsafeDiscardOutputDependency', 'unsafeDiscardStringContext', 'unsafeGetAttrPos',
    'zipAttrsWith',
)

TOP_LEVEL = frozenset(PLAIN) | frozenset("__" + name for name in PREFIXED)
