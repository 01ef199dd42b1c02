"""Locks on store paths, held by a process as one.

Store paths share 1024 lock files, chosen by the first two characters of
their hash (a lock file per path would be a new file for every build).
flock(2) locks belong to an open file, so two descriptors of one lock file
conflict even within one process: a process that holds a lock file for
one path (a build whose registration is not written yet) would wait for
itself to lock another path that shares it. So a process opens each lock
file once and counts who holds it; only other processes wait. The locks
are flock(2) locks, so a killed process releases them.
"""

import fcntl
import os
import threading

_table = threading.Lock()
_held = {}   # lock file -> [descriptor, holders in this process]


def lock_name(store_path):
    """The name of the lock file of a store path."""
    return f"out-{store_path.rsplit('/', 1)[1][:2]}.lock"


def take(lock_file, blocking=True):
    """Hold `lock_file`; returns False, when not `blocking`, if another
    process holds it."""
    with _table:
        entry = _held.get(lock_file)
        if entry is not None:
            entry[1] += 1
            return True
        fd = open_file(lock_file)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not blocking:
                os.close(fd)
                return False
        else:
            _held[lock_file] = [fd, 1]
            return True
    # Another process holds it: wait, without keeping other threads waiting.
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except BaseException:
        os.close(fd)
        raise
    with _table:
        # (No thread here could take it meanwhile: until now, the other
        # process or a descriptor of this one held it.)
        _held[lock_file] = [fd, 1]
    return True


def release(lock_file):
    with _table:
        entry = _held[lock_file]
        entry[1] -= 1
        if entry[1] == 0:
            del _held[lock_file]
            os.close(entry[0])


def open_file(lock_file):
    """A descriptor of `lock_file`, created if need be."""
    try:
        return os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(lock_file), exist_ok=True)
        return os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
