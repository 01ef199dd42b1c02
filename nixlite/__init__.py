"""nixlite: a Nix implementation in Python.

The library entry point is `nixlite.evaluate` (see nixlite.eval.api); every
error it raises is a `nixlite.NixError`.
"""

__version__ = "0.1.0"


def evaluate(*args, **kwargs):
    import nixlite.store.builtins  # noqa: F401  (the store's builtins)
    from nixlite.eval.api import evaluate as _evaluate
    return _evaluate(*args, **kwargs)


def __getattr__(name):
    if name == "NixError":
        from nixlite.diagnostics import NixError
        return NixError
    raise AttributeError(name)
