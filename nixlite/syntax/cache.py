"""A small on-disk cache of derived data (parse tables, parsed files).

Entries are immutable blobs named by a key that already contains a hash of
everything they derive from, so there is no invalidation: a changed input
simply has another key. Writes go through a temporary file and a rename, so
concurrent nixlite processes never see half an entry. A cache that cannot
be written (read-only home, full disk) only costs speed.
"""

import functools
import os

import xxhash

import nixlite.grammar
from nixlite import __version__


def cache_dir():
    base = os.environ.get("NIXLITE_CACHE_DIR")
    if base:
        return base
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "nixlite")


@functools.cache
def fingerprint():
    """A hash of the grammar and of the code that turns text into trees, so
    that any change to either makes new cache keys."""
    h = xxhash.xxh3_128()
    with open(grammar_path(), "rb") as f:
        h.update(f.read())
    here = os.path.dirname(__file__)
    for name in sorted(os.listdir(here)):
        if name.endswith(".py"):
            with open(os.path.join(here, name), "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def grammar_path():
    return os.path.join(os.path.dirname(nixlite.grammar.__file__), "nix.lark")


def _path(key):
    return os.path.join(cache_dir(), f"v{__version__}", key[:2], key)


def enabled():
    return os.environ.get("NIXLITE_NO_CACHE", "") == ""


def get(key):
    if not enabled():
        return None
    try:
        with open(_path(key), "rb") as f:
            return f.read()
    except OSError:
        return None


def put(key, data):
    import tempfile   # (here: only writers need it, and it takes a millisecond to import)

    if not enabled():
        return
    path = _path(key)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
