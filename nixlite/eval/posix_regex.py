"""POSIX extended regular expressions as Nix 2.8 runs them (C++ std::regex,
`extended` grammar, as libstdc++ implements it).

Python's `re` speaks another dialect, so patterns are translated:
bracket expressions (`[[:alpha:]]`, a leading `]`, a literal backslash),
`.` matching newlines, `$` only at the very end, and only the escapes POSIX
allows. What a match is differs too: libstdc++ takes the leftmost match,
then the longest one from there, and among equally long ones the first in
backtracking order. `search` reproduces that with the `regex` package's
POSIX (leftmost-longest) mode to find where the match ends and `re` to
find its groups the backtracking way; `fullmatch` needs only `re`.
"""

import functools
import re

import regex

CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "xdigit": "0-9A-Fa-f", "cntrl": "\\x00-\\x1f\\x7f", "print": "\\x20-\\x7e", "graph": "\\x21-\\x7e",
    "word": "a-zA-Z0-9_",
}
ESCAPABLE = set(".[]\\*^$()|+?{}")


class InvalidRegex(ValueError):
    pass


def translate(pattern):
    """The Python `re` pattern for a POSIX ERE."""
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n or pattern[i + 1] not in ESCAPABLE:
                raise InvalidRegex(pattern)
            out.append(re.escape(pattern[i + 1]))
            i += 2
        elif c == "[":
            text, i = _bracket(pattern, i)
            out.append(text)
        elif c == ".":
            out.append("(?s:.)")
            i += 1
        elif c == "$":
            out.append(r"\Z")
            i += 1
        elif c == "(" and pattern.startswith("(?", i):
            raise InvalidRegex(pattern)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _bracket(pattern, i):
    """Translate the bracket expression at pattern[i] == '['; returns the
    Python text and the index after it."""
    n = len(pattern)
    j = i + 1
    out = ["["]
    if j < n and pattern[j] == "^":
        out.append("^")
        j += 1
    first = True
    while j < n:
        c = pattern[j]
        if c == "]" and not first:
            out.append("]")
            return "".join(out), j + 1
        if pattern.startswith("[:", j):
            end = pattern.find(":]", j + 2)
            if end == -1 or pattern[j + 2:end] not in CLASSES:
                raise InvalidRegex(pattern)
            out.append(CLASSES[pattern[j + 2:end]])
            j = end + 2
        elif c == "-" and not first and j + 1 < n and pattern[j + 1] != "]":
            out.append("-")
            j += 1
        else:
            out.append(re.escape(c) if c in "\\[]^-&~|" else c)
            j += 1
        first = False
    raise InvalidRegex(pattern)


@functools.lru_cache(maxsize=1024)
def compile_regex(pattern):
    """(re pattern, regex POSIX pattern) for a POSIX ERE, or InvalidRegex."""
    translated = translate(pattern)
    try:
        return re.compile(translated), regex.compile(translated, regex.POSIX)
    except (re.error, regex.error):
        raise InvalidRegex(pattern) from None


def fullmatch(pattern, text):
    """The groups of a match of the whole text, or None."""
    python, _ = compile_regex(pattern)
    m = python.fullmatch(text)
    return None if m is None else m.groups()


def finditer(pattern, text):
    """(start, end, groups) of successive matches, as std::regex_iterator
    finds them: after an empty match, a non-empty one at the same place or
    else the next match one character on; after a non-empty match, the next
    match from its end (which may be empty)."""
    python, posix = compile_regex(pattern)
    n = len(text)
    m = posix.search(text, 0)
    while m is not None:
        start, end = m.span()
        yield start, end, python.fullmatch(text, start, end).groups()
        if end > start:
            m = posix.search(text, end)
            continue
        longer = posix.match(text, end)
        if longer is not None and longer.end() > end:
            m = longer
        elif end < n:
            m = posix.search(text, end + 1)
        else:
            m = None
