"""Empty directories kept for reuse.

Every build makes a build directory and removes it afterwards (sandboxed
builds also make mount points). Removing a directory frees its block, and
on a file system mounted with `discard` that is a synchronous trim of the
disk; on ext4 without a journal, freshly freed inodes also slow down every
allocation after them. Renaming costs neither, so an empty directory that
is no longer needed goes into a pool beside it, and the next directory
needed is renamed out of the pool (renameat2 with RENAME_NOREPLACE, so an
existing directory is never replaced).

A pool is a directory of its owner's (mode 0700); one that is not, or a
system without renameat2, falls back to mkdir and rmdir.
"""

import itertools
import os
import stat

from nixlite.store.noreplace import available, rename_new
from nixlite.store.store import _remove


class Spares:
    """A pool of empty directories and empty files ("d-" and "f-" names)."""

    def __init__(self, pool):
        self.pool = pool
        self.usable = None
        self.names = {"d": [], "f": []}
        self.counter = itertools.count()

    def _ready(self):
        if self.usable is None:
            self.usable = False
            if not available:
                return False
            try:
                os.makedirs(self.pool, 0o700, exist_ok=True)
                st = os.lstat(self.pool)
                if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) == 0o700:
                    for name in os.listdir(self.pool):
                        if name[:2] in ("d-", "f-"):
                            self.names[name[0]].append(name)
                    self.usable = True
            except OSError:
                pass
        return self.usable

    def _take(self, kind, path):
        """Rename a spare of `kind` to `path`; False if the pool has none."""
        if not self._ready():
            return False
        names = self.names[kind]
        while names:
            name = names.pop()
            try:
                if rename_new(os.path.join(self.pool, name), path):
                    return True
            except FileExistsError:
                names.append(name)
                raise
        return False

    def _keep(self, kind, path):
        """Move `path` into the pool; False if it cannot be."""
        if not self._ready():
            return False
        name = f"{kind}-{os.getpid()}-{next(self.counter)}"
        try:
            if rename_new(path, os.path.join(self.pool, name)):
                self.names[kind].append(name)
                return True
        except OSError:
            pass
        return False

    def make(self, path, mode=0o700):
        """mkdir(path, mode), from the pool if it has a directory."""
        if self._take("d", path):
            os.chmod(path, mode)
        else:
            os.mkdir(path, mode)

    def make_file(self, path):
        """An empty file at `path` (which must not exist)."""
        if not self._take("f", path):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))

    def drop(self, path):
        """Remove the directory `path` (its contents deleted), keeping the
        directory itself in the pool."""
        names = os.listdir(path)
        if names:
            os.chmod(path, 0o700)
            for name in names:
                _remove(os.path.join(path, name))
        if not self._keep("d", path):
            os.rmdir(path)

    def drop_file(self, path):
        """Remove the file `path`, keeping it in the pool if it is empty."""
        st = os.lstat(path)
        if not (stat.S_ISREG(st.st_mode) and st.st_size == 0 and st.st_nlink == 1 and self._keep("f", path)):
            os.unlink(path)
