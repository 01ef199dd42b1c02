"""Derivations: the ATerm text of a .drv file, and Nix's hashDerivationModulo.

A derivation's output paths depend on a hash of the derivation itself with
its outputs blanked out, in which every input derivation stands for its own
such hash (its "modulo" hash), so that two derivations differing only in
how an input was built get the same outputs; a fixed-output derivation
stands for the hash of its declared contents instead.
"""

import re

from nixlite.hashing import sha256

ESCAPES = str.maketrans({'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


_NEEDS_ESCAPE = re.compile(r'["\\\n\r\t]').search


def _string(s):
    return '"' + (s.translate(ESCAPES) if _NEEDS_ESCAPE(s) else s) + '"'


def _list(items):
    return "[" + ",".join(items) + "]"


class Output:
    """One output: its path (empty while masked) and, for a fixed output,
    the hash algorithm ("r:sha256" when recursive) and the hash in hex."""

    __slots__ = ("path", "hash_algo", "hash")

    def __init__(self, path, hash_algo="", hash=""):
        self.path, self.hash_algo, self.hash = path, hash_algo, hash


class Derivation:
    """A derivation as a .drv file holds it."""

    def __init__(self, name):
        self.name = name
        self.outputs = {}       # name -> Output
        self.input_drvs = {}    # .drv path -> set of output names
        self.input_srcs = set()
        self.platform = ""
        self.builder = ""
        self.args = []
        self.env = {}

    def is_fixed_output(self):
        return len(self.outputs) == 1 and "out" in self.outputs and bool(self.outputs["out"].hash)

    def unparse(self, mask_outputs=False, input_drvs=None):
        """The ATerm text; `input_drvs` replaces the input derivations (by
        their modulo hashes, when hashing)."""
        outputs = _list(
            "(" + ",".join([
                _string(name),
                _string("" if mask_outputs else out.path),
                _string(out.hash_algo),
                _string(out.hash),
            ]) + ")"
            for name, out in sorted(self.outputs.items()))
        drvs = self.input_drvs if input_drvs is None else input_drvs
        inputs = _list(
            "(" + _string(path) + "," + _list(_string(o) for o in sorted(outs)) + ")"
            for path, outs in sorted(drvs.items()))
        env = _list(
            "(" + _string(k) + "," + _string("" if mask_outputs and k in self.outputs else v) + ")"
            for k, v in sorted(self.env.items()))
        return "Derive(" + ",".join([
            outputs,
            inputs,
            _list(_string(p) for p in sorted(self.input_srcs)),
            _string(self.platform),
            _string(self.builder),
            _list(_string(a) for a in self.args),
            env,
        ]) + ")"

    def references(self):
        return self.input_srcs | set(self.input_drvs)


def hash_modulo(drv, mask_outputs, lookup, cache):
    """Nix's hashDerivationModulo: the SHA-256 digest that output paths are
    made from. `lookup(path)` returns the Derivation of an input .drv;
    `cache` memoises the hashes of inputs by path."""
    if drv.is_fixed_output():
        out = drv.outputs["out"]
        text = f"fixed:out:{out.hash_algo}:{out.hash}:{out.path}"
        return sha256(text.encode("latin-1"))
    replaced = {}
    for path, outputs in drv.input_drvs.items():
        digest = cache.get(path)
        if digest is None:
            digest = hash_modulo(lookup(path), False, lookup, cache)
            cache[path] = digest
        replaced[digest.hex()] = outputs
    return sha256(drv.unparse(mask_outputs, replaced).encode("latin-1"))
