"""Builtins for strings: slicing, joining, replacing, versions, hashing.

Strings are bytes (latin-1 decoded), so lengths and offsets count bytes as
Nix's do; every result keeps the context of the strings it came from.
"""

import re

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import (
    coerce_to_string, force_int, force_list, force_string, force_string_no_ctx,
)
from nixlite.eval.values import Attrs, context_of, make_string


@primop("stringLength", 1)
def string_length(s):
    return len(coerce_to_string(s, set()))


@primop("substring", 3)
def substring(start, length, s):
    start, length = force_int(start), force_int(length)
    context = set()
    text = coerce_to_string(s, context)
    if start < 0:
        raise EvalError("negative start position in 'substring'")
    end = len(text) if length < 0 else start + length
    return make_string(text[start:end], context)


@primop("concatStringsSep", 2)
def concat_strings_sep(sep, xs):
    sep = force_string(sep)
    context = set(context_of(sep))
    parts = [coerce_to_string(x, context) for x in force_list(xs)]
    return make_string(str(sep).join(parts), context)


@primop("replaceStrings", 3)
def replace_strings(from_, to, s):
    from_ = [force_string(x) for x in force_list(from_)]
    to_lazy = force_list(to)
    if len(from_) != len(to_lazy):
        raise EvalError("'from' and 'to' arguments to 'replaceStrings' have different lengths")
    s = force_string(s)
    context = set(context_of(s))
    text = str(s)
    replacements = {}

    def replacement(k):
        # Each `to` is forced only if its pattern occurs, as in Nix.
        if k not in replacements:
            value = force_string(to_lazy[k])
            context.update(context_of(value))
            replacements[k] = str(value)
        return replacements[k]

    if from_ and all(from_):
        # At each position the first pattern that matches wins: exactly what
        # an ordered regex alternation does.
        index = {str(p): k for k, p in reversed(list(enumerate(from_)))}
        regex = re.compile("|".join(re.escape(str(p)) for p in from_))
        result = regex.sub(lambda m: replacement(index[m.group()]), text)
        return make_string(result, context)
    out = []
    i, n = 0, len(text)
    while i <= n:
        for k, pattern in enumerate(from_):
            if text.startswith(pattern, i):
                out.append(replacement(k))
                if pattern:
                    i += len(pattern)
                else:
                    if i < n:
                        out.append(text[i])
                    i += 1
                break
        else:
            if i < n:
                out.append(text[i])
            i += 1
    return make_string("".join(out), context)


_VERSION_PART = re.compile(r"[0-9]+|[^0-9.\-]+")


def split_version(version):
    """Nix's version components: runs of digits or of other characters,
    separated by `.` and `-`."""
    return _VERSION_PART.findall(version)


def _component_less(a, b):
    a_num, b_num = a.isdigit(), b.isdigit()
    if a_num and b_num:
        return int(a) < int(b)
    if a == "" and b_num:
        return True
    if a == "pre" and b != "pre":
        return True
    if b == "pre":
        return False
    if b_num:
        return True
    if a_num:
        return False
    return a < b


def compare_versions(v1, v2):
    p1, p2 = split_version(v1), split_version(v2)
    for i in range(max(len(p1), len(p2))):
        a = p1[i] if i < len(p1) else ""
        b = p2[i] if i < len(p2) else ""
        if _component_less(a, b):
            return -1
        if _component_less(b, a):
            return 1
    return 0


@primop("splitVersion", 1)
def split_version_primop(s):
    return split_version(str(force_string_no_ctx(s)))


@primop("compareVersions", 2)
def compare_versions_primop(a, b):
    return compare_versions(str(force_string_no_ctx(a)), str(force_string_no_ctx(b)))


@primop("parseDrvName", 1)
def parse_drv_name(s):
    name = str(force_string_no_ctx(s))
    version = ""
    for i, c in enumerate(name):
        if c == "-" and i + 1 < len(name) and not name[i + 1].isalpha():
            name, version = name[:i], name[i + 1:]
            break
    return Attrs({"name": name, "version": version})


HASHES = ("md5", "sha1", "sha256", "sha512")


def unknown_hash(algo):
    # Nix reports this as a usage error, with its usage hint.
    return EvalError(f"unknown hash algorithm '{algo}'\nTry 'nix-instantiate --help' for more information.",
                     ).pin().as_usage()


@primop("hashString", 2)
def hash_string(algo, s):
    import hashlib

    algo = str(force_string_no_ctx(algo))
    if algo not in HASHES:
        raise unknown_hash(algo)
    return hashlib.new(algo, str(force_string(s)).encode("latin-1")).hexdigest()


@primop("hasContext", 1)
def has_context(s):
    return bool(context_of(force_string(s)))


@primop("unsafeDiscardStringContext", 1)
def unsafe_discard_string_context(s):
    return str(coerce_to_string(s, set()))


