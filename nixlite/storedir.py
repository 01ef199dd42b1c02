"""Where the store is: the logical store directory, where store paths say
they are, and the root under which nixlite keeps its store.

The directory is `/nix/store` unless NIX_STORE_DIR (or `nixlite
--store-dir`) says otherwise; every store path's hash depends on it, as
in Nix.
"""

import os

STORE_DIR = (os.environ.get("NIX_STORE_DIR") or "/nix/store").rstrip("/") or "/"


def default_root():
    """$NIXLITE_ROOT, or nixlite under $XDG_DATA_HOME (~/.local/share)."""
    root = os.environ.get("NIXLITE_ROOT")
    if root:
        return root
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data, "nixlite")
