"""Evaluating Nix: values, the compiler from syntax trees to closures, the
builtins and value printing. `nixlite.eval.api` is the entry point."""
