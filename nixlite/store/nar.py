"""NAR, Nix's archive format, and the hashes of paths it defines.

A NAR is a canonical serialisation of a file, executable, symlink or
directory (entries in sorted order): strings are length-prefixed (64-bit
little-endian) and padded to 8 bytes. Its SHA-256 is what a path's
`source` store path and the store's database record.
"""

import os
import stat

from nixlite.hashing import sha256

CHUNK = 1 << 20


def _str(data):
    n = len(data)
    return n.to_bytes(8, "little") + data + b"\0" * (-n % 8)


def dump(path, write, filter=None):
    """Serialise the file system object at `path` (bytes) to `write`.
    `filter(path, kind)` may leave out directory entries."""
    write(_str(b"nix-archive-1"))
    _dump(path, write, filter)


def _dump(path, write, filter):
    st = os.lstat(path)
    write(_str(b"("))
    if stat.S_ISLNK(st.st_mode):
        write(_str(b"type") + _str(b"symlink") + _str(b"target") + _str(os.readlink(path)))
    elif stat.S_ISREG(st.st_mode):
        write(_str(b"type") + _str(b"regular"))
        if st.st_mode & 0o100:
            write(_str(b"executable") + _str(b""))
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            write(_str(b"contents") + size.to_bytes(8, "little"))
            left = size
            while left:   # streamed: outputs can be large
                chunk = f.read(min(left, CHUNK))
                if not chunk:
                    raise ValueError(f"file '{os.fsdecode(path)}' changed while it was read")
                write(chunk)
                left -= len(chunk)
        write(b"\0" * (-size % 8))
    elif stat.S_ISDIR(st.st_mode):
        write(_str(b"type") + _str(b"directory"))
        for name in sorted(os.listdir(path)):
            child = os.path.join(path, name)
            if filter is not None and not filter(child):
                continue
            write(_str(b"entry") + _str(b"(") + _str(b"name") + _str(name) + _str(b"node"))
            _dump(child, write, filter)
            write(_str(b")"))
    else:
        raise ValueError(f"file '{os.fsdecode(path)}' has an unsupported type")
    write(_str(b")"))


def file_nar_hash(data, executable=False):
    """(sha256 digest, size) of the NAR of a regular file with `data`."""
    nar = (_str(b"nix-archive-1") + _str(b"(") + _str(b"type") + _str(b"regular")
           + (_str(b"executable") + _str(b"") if executable else b"")
           + _str(b"contents") + _str(data) + _str(b")"))
    return sha256(nar), len(nar)


def nar_hash(path, filter=None, also=None):
    """(sha256 digest, size) of the NAR of `path`; `also(data)`, if given,
    sees the NAR as it is hashed."""
    import hashlib   # (when hashing: importing OpenSSL's takes milliseconds)

    h = hashlib.sha256()
    size = 0

    def write(data):
        nonlocal size
        h.update(data)
        size += len(data)
        if also is not None:
            also(data)
    dump(path, write, filter)
    return h.digest(), size
