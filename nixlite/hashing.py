"""Hashes as Nix writes them: hex, Nix's own base32, SRI base64; and the
store-path shape checks that evaluation already needs."""

import re

BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"
STORE_NAME_RE = re.compile(r"[A-Za-z0-9+\-._?=]+\Z")


def base32(digest):
    """Nix's base32: its own alphabet, and the bits read from the end."""
    n = len(digest)
    length = (n * 8 - 1) // 5 + 1
    out = []
    for i in range(length - 1, -1, -1):
        bit = i * 5
        byte, shift = divmod(bit, 8)
        value = digest[byte] >> shift
        if byte + 1 < n:
            value |= digest[byte + 1] << (8 - shift)
        out.append(BASE32_ALPHABET[value & 0x1F])
    return "".join(out)


def sha256(data):
    import hashlib
    return hashlib.sha256(data).digest()


def is_store_path(path, store_dir):
    """Whether `path` is STOREDIR/<32 base32 chars>-<name>, as Nix checks."""
    prefix = store_dir.rstrip("/") + "/"
    if not path.startswith(prefix):
        return False
    base = path[len(prefix):]
    if "/" in base or len(base) < 34 or base[32] != "-":
        return False
    if any(c not in BASE32_ALPHABET for c in base[:32]):
        return False
    name = base[33:]
    return bool(STORE_NAME_RE.match(name)) and not name.startswith(".")
