"""Store paths as Nix 2.8 computes them.

A store path is STOREDIR/HASH-NAME where HASH is the SHA-256 of a
descriptor string `TYPE:sha256:HEX:STOREDIR:NAME`, XOR-folded to 160 bits
and written in Nix's base32. The TYPE says what the path is: `text` (with
its references) for files like .drv, `source` for imported paths,
`output:NAME` for derivation outputs.
"""

from nixlite.hashing import base32, sha256
from nixlite.storedir import STORE_DIR



class InvalidName(ValueError):
    pass


def check_name(base, name):
    """Nix 2.8's rules for the name part of a store path `base`
    (HASH-NAME), with its messages."""
    if not name:
        raise InvalidName(f"store path '{base}' has an empty name")
    if len(name) > 211:
        raise InvalidName(f"store path '{base}' has a name longer than 211 characters")
    for c in name:
        if not (c.isascii() and (c.isalnum() or c in "+-._?=")):
            raise InvalidName(f"store path '{base}' contains illegal character '{c}'")


def compress_hash(digest, size=20):
    out = bytearray(size)
    for i, b in enumerate(digest):
        out[i % size] ^= b
    return bytes(out)


def make_store_path(kind, digest, name, store_dir=STORE_DIR):
    """The path for a descriptor TYPE and a SHA-256 digest."""
    descriptor = f"{kind}:sha256:{digest.hex()}:{store_dir}:{name}"
    folded = compress_hash(sha256(descriptor.encode("latin-1")))
    base = f"{base32(folded)}-{name}"
    check_name(base, name)
    return f"{store_dir}/{base}"


def make_type(kind, references=(), self_reference=False):
    return kind + "".join(":" + r for r in sorted(references)) + (":self" if self_reference else "")


def make_text_path(name, text, references=(), store_dir=STORE_DIR):
    """The path of a text file (builtins.toFile, a .drv) with references."""
    digest = sha256(text.encode("latin-1"))
    return make_store_path(make_type("text", references), digest, name, store_dir)


def make_source_path(name, nar_digest, references=(), store_dir=STORE_DIR):
    """The path of an imported file or directory, from its NAR's SHA-256."""
    return make_store_path(make_type("source", references), nar_digest, name, store_dir)


def make_output_path(output, digest, name, store_dir=STORE_DIR):
    """A derivation output's path, from the derivation's modulo hash."""
    full_name = name if output == "out" else f"{name}-{output}"
    return make_store_path("output:" + output, digest, full_name, store_dir)


def make_fixed_output_path(recursive, algo, digest, name, store_dir=STORE_DIR):
    """A fixed-output path: recursive SHA-256 hashes make `source` paths,
    anything else hashes a `fixed:out:` descriptor first."""
    if recursive and algo == "sha256":
        return make_source_path(name, digest, (), store_dir)
    inner = f"fixed:out:{'r:' if recursive else ''}{algo}:{digest.hex()}:"
    return make_store_path("output:out", sha256(inner.encode()), name, store_dir)
