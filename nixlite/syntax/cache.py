"""A small on-disk cache of derived data (parse tables, parsed files).

Entries are immutable blobs named by a key that already contains a hash of
everything they derive from, so there is no invalidation: a changed input
simply has another key. Writes go through a temporary file and a rename, so
concurrent nixlite processes never see half an entry. A cache that cannot
be written (read-only home, full disk) only costs speed.
"""

import functools
import os
import tempfile
from importlib import resources
from pathlib import Path

import xxhash

from nixlite import __version__


def cache_dir():
    base = os.environ.get("NIXLITE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "nixlite"


@functools.cache
def fingerprint():
    """A hash of the grammar and of the code that turns text into trees, so
    that any change to either makes new cache keys."""
    h = xxhash.xxh3_128()
    h.update(resources.files("nixlite.grammar").joinpath("nix.lark").read_bytes())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        h.update(source.read_bytes())
    return h.hexdigest()


def _path(key):
    return cache_dir() / f"v{__version__}" / key[:2] / key


def enabled():
    return os.environ.get("NIXLITE_NO_CACHE", "") == ""


def get(key):
    if not enabled():
        return None
    try:
        return _path(key).read_bytes()
    except OSError:
        return None


def put(key, data):
    if not enabled():
        return
    path = _path(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
