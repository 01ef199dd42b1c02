# How package functions are called and later adjusted: callPackage fills a
# function's arguments from a package set, and the result remembers how it was
# made so that `.override` can call the function again with other arguments
# and `.overrideDerivation` can change the derivation's attributes. Scopes
# give a set of packages its own callPackage.
{ lib }:

let
  inherit (builtins)
    attrNames intersectAttrs isAttrs isPath mapAttrs listToAttrs
    unsafeGetAttrPos filter head;
  inherit (lib.trivial) isFunction functionArgs setFunctionArgs;
  inherit (lib.attrsets) isDerivation;
in
rec {

  # The derivation `drv` rebuilt from its attributes as changed by `f`
  # (which gets the old derivation and returns the attributes to replace).
  overrideDerivation = drv: f:
    let
      rebuilt = derivation (drv.drvAttrs // f drv);
      passthru = drv.passthru or { };
    in extendDerivation true ({ meta = drv.meta or { }; inherit passthru; } // passthru) rebuilt;

  # `f origArgs`, able to redo itself: a set result gets `override` (call f
  # again with some arguments changed, given as a set or as a function of the
  # old arguments) and `overrideDerivation` (and `overrideAttrs`, when the
  # result had it) which apply to the new result and stay overridable; a
  # function result becomes a functor with `override`.
  makeOverridable = f: origArgs:
    let
      result = f origArgs;
      sameArgs = g: setFunctionArgs g (functionArgs f);
      changedArgs = newArgs: origArgs // (if isFunction newArgs then newArgs origArgs else newArgs);
      override = sameArgs (newArgs: makeOverridable f (changedArgs newArgs));
      # The same call, its result passed through g.
      afterwards = g: makeOverridable (sameArgs (args: g (f args))) origArgs;
    in
    if isAttrs result then
      result // {
        inherit override;
        overrideDerivation = fdrv: afterwards (x: overrideDerivation x fdrv);
        ${if result ? overrideAttrs then "overrideAttrs" else null} =
          fattrs: afterwards (x: x.overrideAttrs fattrs);
      }
    else if isFunction result then
      setFunctionArgs result (functionArgs result) // { inherit override; }
    else result;

  # Call `fn` (a function, or a file holding one) with the attributes of
  # `autoArgs` it names among its formals, overridden by `args`; the result is
  # overridable. A required formal that neither provides is an error naming it.
  callPackageWith = autoArgs: fn: args:
    let
      f = if isFunction fn then fn else import fn;
      formals = functionArgs f;
      given = intersectAttrs formals autoArgs // args;
      missing = filter (name: !formals.${name} && !(given ? ${name})) (attrNames formals);
      name = head missing;
      pos = unsafeGetAttrPos name formals;
      where =
        if pos != null then " at ${pos.file}:${toString pos.line}:${toString pos.column}"
        else if isPath fn || builtins.isString fn then " in ${toString fn}"
        else "";
    in
    if missing == [ ] then makeOverridable f given
    else throw "callPackageWith: function${where} called without required argument \"${name}\"";

  # As callPackageWith, for a function returning a set of packages: each one
  # is overridable on its own (overriding re-calls the function).
  callPackagesWith = autoArgs: fn: args:
    let
      f = if isFunction fn then fn else import fn;
      given = intersectAttrs (functionArgs f) autoArgs // args;
      pkgs = f given;
      single = name: _: makeOverridable (newArgs: (f newArgs).${name}) given;
    in
    if isDerivation pkgs then
      throw ("function `callPackages` was called on a *single* derivation "
        + "\"${pkgs.name or "<unknown-name>"}\"; did you mean to use `callPackage` instead?")
    else mapAttrs single pkgs;

  # `drv` with the attributes of `passthru` added, to itself and to each of
  # its outputs; `condition` is asserted when a path of it is used.
  extendDerivation = condition: passthru: drv:
    let
      outputs = drv.outputs or [ "out" ];
      common = drv // listToAttrs outputList // { all = map (o: o.value) outputList; } // passthru;
      outputList = map
        (outputName: {
          name = outputName;
          value = common // {
            inherit (drv.${outputName}) type outputName;
            outputSpecified = true;
            drvPath = assert condition; drv.${outputName}.drvPath;
            outPath = assert condition; drv.${outputName}.outPath;
          };
        })
        outputs;
    in common // {
      drvPath = assert condition; drv.drvPath;
      outPath = assert condition; drv.outPath;
    };

  # A package set with its own callPackage/newScope, made from `f` (a
  # function of the finished scope). `newScope` is the enclosing scope's
  # (a function from extra attributes to a callPackage).
  makeScope = newScope: f:
    let
      self = f self // {
        newScope = scope: newScope (self // scope);
        callPackage = self.newScope { };
        overrideScope = g: makeScope newScope (lib.fixedPoints.extends g f);
        overrideScope' = self.overrideScope;
        packages = f;
      };
    in self;
}
