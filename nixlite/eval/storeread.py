"""Reading store paths while evaluating.

When evaluation opens a file under the store directory (readFile,
import, readDir, pathExists, hashFile), that store path may not exist
yet: a `toFile` result or a copied source still only in memory, or the
output of a derivation that has not been built (import from derivation).
The layer that can make it exist (the store, the builder) installs a
`materialise` hook here; evaluation itself knows nothing of builds.
"""

from nixlite.bytestr import to_os
from nixlite.storedir import STORE_DIR

_hook = [None]


def install(materialise):
    """`materialise(path)` makes the store path holding `path` exist and
    returns the OS path to open, or None to open `path` as it is."""
    _hook[0] = materialise


def os_path(path):
    """The OS path to open for the Nix path string `path`."""
    materialise = _hook[0]
    if materialise is not None and path.startswith(STORE_DIR + "/"):
        found = materialise(path)
        if found is not None:
            return found
    return to_os(path)
