"""Nix strings are bytes; nixlite keeps them as latin-1 decoded `str`.

One character per byte gives Nix's byte semantics (lengths, substrings,
columns) with the speed of Python's str. Text enters through `from_os` /
`from_utf8` and leaves through `to_os` / `to_bytes`.
"""

import os


def from_os(path):
    """A path or other OS string as a Nix byte string."""
    return os.fsencode(path).decode("latin-1")


def to_os(s):
    """A Nix byte string as a path the OS functions accept."""
    return os.fsdecode(s.encode("latin-1"))


def from_utf8(text):
    """Unicode text (messages, names) as a Nix byte string."""
    return text.encode("utf-8").decode("latin-1")


def to_bytes(s):
    return s.encode("latin-1")
