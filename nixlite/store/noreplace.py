"""Renaming that never replaces: renameat2 with RENAME_NOREPLACE.

os.rename replaces an existing file or empty directory without a word;
putting a finished path in place, or taking a directory from a pool, must
instead fail if something is already there (another process's). Linux
has had the flag since 3.15; where libc lacks renameat2, `available` is
false and callers take their slower way.
"""

import ctypes
import os

AT_FDCWD = -100
RENAME_NOREPLACE = 1
ENOENT = 2

_libc = ctypes.CDLL(None, use_errno=True)
_renameat2 = getattr(_libc, "renameat2", None)
if _renameat2 is not None:
    _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
available = _renameat2 is not None


def rename_new(old, new):
    """Rename `old` to `new`, which must not exist (FileExistsError if it
    does); False if `old` is gone."""
    if _renameat2(AT_FDCWD, os.fsencode(old), AT_FDCWD, os.fsencode(new), RENAME_NOREPLACE) == 0:
        return True
    code = ctypes.get_errno()
    if code == ENOENT:
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(new))
