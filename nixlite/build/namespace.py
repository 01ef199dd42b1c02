"""The mount namespace builds run in.

nixlite's store lives under its root, but derivations name paths under the
logical store directory (`/nix/store`). Before the first build, the nixlite
process moves itself into a private mount namespace where its physical
store is bind-mounted at the logical directory; every builder it starts
inherits that view. One namespace for the whole process costs one
system call, not a helper process per build, and the host (including a
real Nix store at the same place) never sees the mount.

unshare(CLONE_NEWNS) is refused to a process that already runs several
threads, so `prepare` is called first thing, on the main thread; a failure
there (no privileges) is kept and reported only if something must be built.
"""

import ctypes
import errno
import os
import threading

CLONE_NEWNS = 0x00020000
MS_RDONLY = 0x1
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000

_entered = {}
_deferred = []


class NamespaceError(Exception):
    pass


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _mount(source, target, flags, what):
    libc = _libc()
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    _check(libc.mount(source and os.fsencode(source), os.fsencode(target), None, flags, None), what)


def _check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise NamespaceError(f"{what}: {os.strerror(code)}"
                             + (" (nixlite builds need root, or CAP_SYS_ADMIN, to mount its store at the "
                                "store directory)" if code in (errno.EPERM, errno.EACCES) else ""))


def prepare(physical_store, store_dir):
    """Enter the namespace now if possible; otherwise remember why not."""
    try:
        enter(physical_store, store_dir)
    except NamespaceError as e:
        _deferred.append(e)


def entered(physical_store, store_dir):
    return _entered.get(store_dir) == os.path.abspath(physical_store)


def require(physical_store, store_dir):
    """Be in the namespace, or raise the reason it could not be entered."""
    physical_store = os.path.abspath(physical_store)
    if _entered.get(store_dir) != physical_store and _deferred:
        raise _deferred[0]
    enter(physical_store, store_dir)


def enter(physical_store, store_dir):
    """Make `store_dir` show `physical_store` for this process and its children."""
    physical_store = os.path.abspath(physical_store)
    if _entered.get(store_dir) == physical_store:
        return
    if _entered:
        raise NamespaceError(f"this process already mounts a store at {next(iter(_entered))}")
    if threading.active_count() != 1:
        raise NamespaceError("the build namespace must be entered before other threads start")
    _check(_libc().unshare(CLONE_NEWNS), "cannot create a mount namespace for builds")
    # Nothing mounted from here on propagates back to the host.
    _mount(None, "/", MS_REC | MS_PRIVATE, "cannot make the mount namespace private")
    try:
        os.makedirs(store_dir, exist_ok=True)
    except OSError as e:
        raise NamespaceError(f"cannot create the store directory {store_dir}: {e.strerror}") from None
    _mount(physical_store, store_dir, MS_BIND | MS_REC, f"cannot mount {physical_store} at {store_dir}")
    _entered[store_dir] = physical_store


def make_read_only(store_dir):
    """Make the store mount of this process read-only (for programs that
    only use it, as `nixlite run` starts them)."""
    _mount(None, store_dir, MS_REMOUNT | MS_BIND | MS_RDONLY, f"cannot make {store_dir} read-only")
