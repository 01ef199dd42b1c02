"""Paths in evaluation: reading files and copying paths to the store.

Copying a path to the store (a path used inside a string) needs the store,
which nixlite does not have yet; until it does, it is a clear error.
"""

from nixlite.eval.errors import EvalError


def copy_path_to_store(path):
    raise EvalError(f"cannot copy '{path}' to the store: nixlite has no store yet")
