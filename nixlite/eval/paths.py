"""Paths in evaluation: copying a path used in a string to the store.

The store layer provides the copy (it registers the "copy_path_to_store"
service); without it, using a path in a string is a clear error.
"""

from nixlite.eval.builtins.registry import SERVICES
from nixlite.eval.errors import EvalError


def copy_path_to_store(path):
    copy = SERVICES.get("copy_path_to_store")
    if copy is None:
        raise EvalError(f"cannot copy '{path}' to the store: the store is not loaded")
    return copy(path)
