"""Locks that keep two nixlite processes from building the same outputs,
and garbage collection from running under a build.

Output paths share 1024 lock files under `var/nixlite/locks/`, chosen by
the first two characters of their hash (a lock file per path would be a
new file for every build, kept or deleted: both cost the file system more
than the rare wait of two builds whose paths share a lock). A build holds
the locks of all its outputs (taken in sorted order, so two builds cannot
deadlock) and, once it has them, checks again whether another process
has meanwhile made the outputs valid. The locks are flock(2) locks, so a
killed process releases them. `nixlite build` and `nixlite instantiate`
hold the GC lock shared for their whole run (what they write is rooted only
at the end, by the result links); `nixlite gc` takes it exclusively.
"""

import contextlib
import fcntl
import os

from nixlite.store.store import path_lock_name


def output_locks(store, drv, blocking=True):
    """The locks of the derivation's outputs, as descriptors to `release`;
    None, when not `blocking`, if another process holds one of them."""
    fds = []
    try:
        for name in sorted({path_lock_name(out.path) for out in drv.outputs.values()}):
            fd = store.lock_file(name)
            fds.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                release(fds)
                return None
    except BaseException:
        release(fds)
        raise
    return fds


def release(fds):
    for fd in fds:
        os.close(fd)


@contextlib.contextmanager
def gc_lock(store, exclusive):
    fd = store.lock_file("gc.lock")
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
