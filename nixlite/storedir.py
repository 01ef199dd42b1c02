"""The logical store directory: where store paths say they are.

`/nix/store` unless NIX_STORE_DIR (or `nixlite --store-dir`) says
otherwise; every store path's hash depends on it, as in Nix.
"""

import os

STORE_DIR = (os.environ.get("NIX_STORE_DIR") or "/nix/store").rstrip("/") or "/"
