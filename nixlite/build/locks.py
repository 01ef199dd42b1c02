"""Locks that keep two nixlite processes from building the same outputs,
and garbage collection from running under a build.

A build holds the locks of all its outputs (store/pathlocks.py; taken in
sorted order, so two builds cannot deadlock) and, once it has them, checks
again whether another process has meanwhile made the outputs valid.
`nixlite build` and `nixlite instantiate` hold the GC lock shared for
their whole run (what they write is rooted only at the end, by the result
links); `nixlite gc` takes it exclusively. All are flock(2) locks, so a
killed process releases them.
"""

import contextlib
import fcntl
import os

from nixlite.store import pathlocks


def output_locks(store, drv, blocking=True):
    """The locks of the derivation's outputs, as a handle to `release`;
    None, when not `blocking`, if another process holds one of them."""
    taken = []
    try:
        for name in sorted({pathlocks.lock_name(out.path) for out in drv.outputs.values()}):
            lock_file = store.lock_file(name)
            if not pathlocks.take(lock_file, blocking):
                release(taken)
                return None
            taken.append(lock_file)
    except BaseException:
        release(taken)
        raise
    return taken


def release(taken):
    for lock_file in taken:
        pathlocks.release(lock_file)


@contextlib.contextmanager
def gc_lock(store, exclusive):
    fd = pathlocks.open_file(store.lock_file("gc.lock"))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
