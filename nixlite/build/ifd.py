"""Store paths made to exist when evaluation reads them.

Installed as evaluation's store-read hook (eval/storeread.py) by the
commands that have a store: a `toFile` result or copied source is written
to the store, and the output of a derivation known to this evaluation is
built first, with its dependencies (import from derivation), as Nix does.
The path to open is the logical one when the process sees its store at
the store directory (the build namespace), the physical one otherwise.
"""

import os

from nixlite.build import namespace
from nixlite.build.scheduler import realise
from nixlite.bytestr import to_os
from nixlite.eval import storeread
from nixlite.store.builtins import STORE
from nixlite.store.instantiate import write_closure


class Materialiser:
    def __init__(self, open_store, **build_options):
        self.open_store = open_store   # opened on first use: most evaluations read no store path
        self.store = None
        self.build_options = build_options
        self.derivers = {}        # output path -> .drv path
        self.derivers_seen = []   # STORE.derivations already indexed, in order

    def __call__(self, path):
        if self.store is None:
            self.store = self.open_store()
        store = self.store
        prefix = store.store_dir + "/"
        store_path = prefix + path[len(prefix):].split("/", 1)[0]
        if not store.is_valid(store_path):
            if store_path in STORE.texts or store_path in STORE.sources:
                with store.batch():
                    write_closure(store, store_path)
                store.flush()
            else:
                drv_path = self._deriver(store_path)
                if drv_path is None:
                    return None    # not nixlite's: the host's file, if any
                with store.batch():
                    write_closure(store, drv_path)
                store.flush()   # the inputs must be valid before the build
                realise(store, [drv_path], **self.build_options)
        if namespace.entered(store.physical, store.store_dir):
            return to_os(path)
        return os.path.join(store.physical, to_os(path[len(prefix):]))

    def _deriver(self, store_path):
        """The derivation of this evaluation that has `store_path` as an
        output (the index grows with the derivations evaluated)."""
        if len(self.derivers_seen) != len(STORE.derivations):
            for drv_path, drv in list(STORE.derivations.items())[len(self.derivers_seen):]:
                self.derivers_seen.append(drv_path)
                for out in drv.outputs.values():
                    self.derivers[out.path] = drv_path
        return self.derivers.get(store_path)


def install(open_store, **build_options):
    storeread.install(Materialiser(open_store, **build_options))
