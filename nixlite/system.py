"""`builtins.currentSystem`: in Nix, the platform Nix was built for; in
nixlite, the one its Python interpreter was built for.

Not what the kernel reports at the moment: under `setarch linux32` uname
says i686, but a 64-bit Nix still answers "x86_64-linux", and so does a
64-bit nixlite. The evaluation cache keys its records by it too.
"""

import os
import sys

_GNU_TO_NIX = {"i386": "i686"}


def _cpu():
    multiarch = getattr(sys.implementation, "_multiarch", None)   # e.g. "x86_64-linux-gnu"
    cpu = multiarch.split("-", 1)[0] if multiarch else os.uname().machine
    return _GNU_TO_NIX.get(cpu, cpu)


CURRENT_SYSTEM = f"{_cpu()}-linux"
