"""Hashes as Nix writes them: hex, Nix's own base32, SRI base64; and the
store-path shape checks that evaluation already needs."""

import re

BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"
STORE_NAME_RE = re.compile(r"[A-Za-z0-9+\-._?=]+\Z")


def base32(digest):
    """Nix's base32: its own alphabet, and the bits read from the end."""
    length = (len(digest) * 8 - 1) // 5 + 1
    value = int.from_bytes(digest, "little")
    alphabet = BASE32_ALPHABET
    return "".join([alphabet[(value >> (i * 5)) & 0x1F] for i in range(length - 1, -1, -1)])


def base32_decode(text):
    """The bytes of a Nix base32 string (inverse of base32)."""
    size = len(text) * 5 // 8
    out = bytearray(size)
    for n, c in enumerate(reversed(text)):
        digit = BASE32_ALPHABET.find(c)
        if digit < 0:
            raise ValueError(f"invalid character '{c}' in base32")
        bit = n * 5
        byte, shift = divmod(bit, 8)
        out[byte] |= (digit << shift) & 0xFF
        carry = digit >> (8 - shift)
        if byte + 1 < size:
            out[byte + 1] |= carry
        elif carry:
            raise ValueError("invalid base32 string")
    return bytes(out)


HASH_SIZES = {"md5": 16, "sha1": 20, "sha256": 32, "sha512": 64}


def parse_hash(text, algo=None):
    """(algo, digest) of a hash written as Nix accepts it: base16, base32
    or base64, bare (with `algo`), `algo:hash`, or SRI `algo-base64`."""
    import base64

    if ":" in text:
        prefix, text = text.split(":", 1)
        algo = prefix
    elif "-" in text and text.split("-", 1)[0] in HASH_SIZES:
        algo, encoded = text.split("-", 1)
        digest = base64.b64decode(encoded, validate=True)
        if len(digest) != HASH_SIZES[algo]:
            raise ValueError(f"invalid SRI hash '{text}'")
        return algo, digest
    if algo not in HASH_SIZES:
        raise ValueError(f"unknown hash algorithm '{algo}'")
    size = HASH_SIZES[algo]
    if len(text) == size * 2:
        return algo, bytes.fromhex(text)
    if len(text) == (size * 8 - 1) // 5 + 1:
        return algo, base32_decode(text)
    if len(text) == (size + 2) // 3 * 4:
        return algo, base64.b64decode(text, validate=True)
    raise ValueError(f"hash '{text}' has wrong length for hash type '{algo}'")


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
