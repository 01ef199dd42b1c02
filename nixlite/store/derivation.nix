# builtins.derivation: derivationStrict computes the .drv and the output
# paths; this wrapper turns its result into the attribute set Nix programs
# see, with one set per output, all sharing the attributes passed in.
attrs@{ outputs ? [ "out" ], ... }:
let
  strict = derivationStrict attrs;
  perOutput = name: {
    inherit name;
    value = shared // {
      outPath = builtins.getAttr name strict;
      drvPath = strict.drvPath;
      type = "derivation";
      outputName = name;
    };
  };
  byOutput = map perOutput outputs;
  shared = attrs // builtins.listToAttrs byOutput // {
    all = map (output: output.value) byOutput;
    drvAttrs = attrs;
  };
in (builtins.head byOutput).value
