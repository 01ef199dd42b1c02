"""The store: store paths exactly as Nix computes them, NAR serialisation,
derivations (the ATerm .drv format, hashDerivationModulo), and the builtins
that need them, which this package adds to the evaluator's registry.

Importing nixlite.store.builtins registers them; the command line and the
library entry point do so before evaluating.
"""
