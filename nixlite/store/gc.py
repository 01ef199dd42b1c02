"""Garbage collection: roots, and deleting what they do not reach.

`nixlite build` records each `result` link it makes as a root: a symlink
under `var/nixlite/gcroots/auto/` pointing at the link (as Nix's indirect
roots do), so deleting or re-pointing the link is all it takes to let its
old target go. The live set is the closure of the paths the surviving
links point at, plus the derivations that produced live paths and their
closures (Nix's keep-derivations default). Everything else that is valid
is unregistered and deleted, as are files left in the store by builds
that never finished.
"""

import hashlib
import os

from nixlite.store.store import _remove


def roots_dir(store):
    return os.path.join(store.root, "var", "nixlite", "gcroots", "auto")


def add_indirect_root(store, link):
    """Make the symlink `link` (wherever it is) a root; returns the root
    record's path."""
    link = os.path.abspath(link)
    directory = roots_dir(store)
    os.makedirs(directory, exist_ok=True)
    name = os.path.join(directory, hashlib.sha256(os.fsencode(link)).hexdigest()[:32])
    if os.path.islink(name):
        os.unlink(name)
    os.symlink(link, name)
    return name


def live_roots(store):
    """Store paths the surviving root links point at (stale roots removed)."""
    roots = set()
    directory = roots_dir(store)
    if not os.path.isdir(directory):
        return roots
    prefix = store.physical + "/"
    for name in os.listdir(directory):
        record = os.path.join(directory, name)
        link = os.readlink(record)
        target = os.readlink(link) if os.path.islink(link) else None
        if target is None or not target.startswith(prefix):
            os.unlink(record)
            continue
        store_path = store.store_dir + "/" + target[len(prefix):].split("/", 1)[0]
        if store.is_valid(store_path):
            roots.add(store_path)
    return roots


def collect(store):
    """Delete what the roots do not reach; returns (paths deleted, bytes freed)."""
    live = store.closure(live_roots(store))
    todo = list(live)
    while todo:
        info = store.query(todo.pop())
        if info.deriver and info.deriver not in live and store.is_valid(info.deriver):
            added = store.closure([info.deriver]) - live
            live |= added
            todo.extend(added)
    dead = [p for p in store.all_valid() if p not in live]
    store.unregister(dead)
    freed = 0
    for store_path in dead:
        freed += _delete(store.physical_path(store_path))
    # What builds or copies left behind without registering it.
    valid = {p.rsplit("/", 1)[1] for p in live}
    for name in os.listdir(store.physical):
        if name not in valid:
            freed += _delete(os.path.join(store.physical, name))
    return len(dead), freed


def _delete(path):
    size = 0
    if not os.path.lexists(path):
        return 0
    if os.path.isdir(path) and not os.path.islink(path):
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                size += os.lstat(os.path.join(root, name)).st_blocks * 512
    size += os.lstat(path).st_blocks * 512
    _remove(path)
    return size
