"""POSIX extended regular expressions as Nix 2.8 runs them: C++ std::regex
with the `extended` grammar, as libstdc++ implements it.

Which match libstdc++ finds is its own: a depth-first search in which an
alternation tries every branch and keeps the match that ends furthest (the
first found among equals), while a repetition first tries one more round
and tries one round fewer only if nothing has matched yet. Neither
Python's `re` (first match found) nor a POSIX leftmost-longest engine gives
the same groups, so this module parses the pattern and runs that search
itself. Patterns are cached by their text.

Many patterns leave that search no real choice: without alternation, and
with repetition only of single characters, the first match the search
finds is the one it keeps (a found match stops every repetition from
trying fewer rounds), and Python's `re` tries the same possibilities in the
same order. Those patterns run on `re`, which is much faster.
"""

import functools
import re

CLASSES = {
    "alpha": lambda c: c.isascii() and c.isalpha(),
    "digit": lambda c: "0" <= c <= "9",
    "alnum": lambda c: c.isascii() and c.isalnum(),
    "upper": lambda c: "A" <= c <= "Z",
    "lower": lambda c: "a" <= c <= "z",
    "space": lambda c: c in " \t\n\r\f\v",
    "blank": lambda c: c in " \t",
    "punct": lambda c: c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "xdigit": lambda c: c in "0123456789abcdefABCDEF",
    "cntrl": lambda c: ord(c) < 32 or ord(c) == 127,
    "print": lambda c: 32 <= ord(c) < 127,
    "graph": lambda c: 33 <= ord(c) < 127,
    "word": lambda c: c == "_" or (c.isascii() and c.isalnum()),
}
SPECIAL = set(".[]\\*^$()|+?{}")


class InvalidRegex(ValueError):
    pass


# -- parsing -------------------------------------------------------------------
# Nodes: ("char", c) ("any",) ("set", negated, chars, classes, ranges)
# ("bol",) ("eol",) ("group", index, node) ("seq", [nodes]) ("alt", [nodes])
# ("repeat", node, min, max)  (max None: unbounded)


class _Parser:
    def __init__(self, pattern):
        self.p, self.i, self.groups = pattern, 0, 0

    def error(self):
        raise InvalidRegex(self.p)

    def parse(self):
        node = self.alternation()
        if self.i != len(self.p):
            self.error()
        return node

    def alternation(self):
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self):
        items = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            items.append(self.quantified())
        return ("seq", items)

    def quantified(self):
        atom = self.atom()
        while self.i < len(self.p) and self.p[self.i] in "*+?{":
            c = self.p[self.i]
            if atom[0] in ("bol", "eol"):
                self.error()
            if c == "*":
                atom, self.i = ("repeat", atom, 0, None), self.i + 1
            elif c == "+":
                atom, self.i = ("repeat", atom, 1, None), self.i + 1
            elif c == "?":
                atom, self.i = ("repeat", atom, 0, 1), self.i + 1
            else:
                atom = ("repeat", atom, *self.interval())
        return atom

    def interval(self):
        end = self.p.find("}", self.i)
        if end == -1:
            self.error()
        body = self.p[self.i + 1:end]
        self.i = end + 1
        low, comma, high = body.partition(",")
        if not low.isdigit() or (high and not high.isdigit()):
            self.error()
        low = int(low)
        high = int(high) if high else (None if comma else low)
        if high is not None and high < low:
            self.error()
        return low, high

    def atom(self):
        p = self.p
        c = p[self.i]
        if c == "(":
            self.i += 1
            if self.i < len(p) and p[self.i] == "?":
                self.error()
            self.groups += 1
            index = self.groups
            node = self.alternation()
            if self.i >= len(p) or p[self.i] != ")":
                self.error()
            self.i += 1
            return ("group", index, node)
        if c in "*+?{)":
            self.error()
        self.i += 1
        if c == ".":
            return ("any",)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if c == "[":
            return self.bracket()
        if c == "\\":
            if self.i >= len(p) or p[self.i] not in SPECIAL:
                self.error()
            self.i += 1
            return ("char", p[self.i - 1])
        return ("char", c)

    def bracket(self):
        p = self.p
        negated = self.i < len(p) and p[self.i] == "^"
        if negated:
            self.i += 1
        chars, classes, ranges = set(), [], []
        first = True
        while True:
            if self.i >= len(p):
                self.error()
            c = p[self.i]
            if c == "]" and not first:
                self.i += 1
                return ("set", negated, frozenset(chars), tuple(classes), tuple(ranges))
            first = False
            if p.startswith("[:", self.i):
                end = p.find(":]", self.i + 2)
                name = p[self.i + 2:end] if end != -1 else None
                if name not in CLASSES:
                    self.error()
                classes.append(CLASSES[name])
                self.i = end + 2
                continue
            if self.i + 2 < len(p) and p[self.i + 1] == "-" and p[self.i + 2] != "]":
                if p[self.i + 2] < c:
                    self.error()
                ranges.append((c, p[self.i + 2]))
                self.i += 3
                continue
            chars.add(c)
            self.i += 1


# -- matching ----------------------------------------------------------------------


class _Search:
    """One run of libstdc++'s depth-first search from a start position."""

    def __init__(self, text, start, exact, ngroups, not_null=False):
        self.text, self.start, self.exact, self.not_null = text, start, exact, not_null
        self.groups = [None] * (ngroups + 1)
        self.has_sol = False
        self.best_end = -1
        self.best_groups = None
        self.rep_count = {}

    def accept(self, i):
        if self.exact and i != len(self.text):
            return
        if self.not_null and i == self.start:
            return
        self.has_sol = True
        if i > self.best_end:
            self.best_end = i
            self.best_groups = list(self.groups)

    def run(self, node, i, k):
        kind = node[0]
        text = self.text
        if kind == "char":
            if i < len(text) and text[i] == node[1]:
                k(i + 1)
        elif kind == "any":
            if i < len(text) and text[i] != "\0":
                k(i + 1)
        elif kind == "set":
            if i < len(text) and _in_set(node, text[i]):
                k(i + 1)
        elif kind == "seq":
            self.sequence(node[1], 0, i, k)
        elif kind == "alt":
            branches = node[1]
            for n, branch in enumerate(branches):
                if n == 0:
                    self.run(branch, i, k)
                else:
                    had = self.has_sol
                    self.has_sol = False
                    self.run(branch, i, k)
                    self.has_sol = self.has_sol or had
        elif kind == "group":
            index = node[1]
            saved = self.groups[index]

            def close(j):
                inner = self.groups[index]
                self.groups[index] = (i, j)
                k(j)
                self.groups[index] = inner
            self.run(node[2], i, close)
            self.groups[index] = saved
        elif kind == "repeat":
            self.repeat(node, 0, i, k)
        elif kind == "bol":
            if i == 0:
                k(i)
        elif kind == "eol":
            if i == len(text):
                k(i)

    def sequence(self, items, n, i, k):
        if n == len(items):
            k(i)
        else:
            self.run(items[n], i, lambda j: self.sequence(items, n + 1, j, k))

    def repeat(self, node, count, i, k):
        _, inner, low, high = node
        if count < low:
            self.run(inner, i, lambda j: self.repeat(node, count + 1, j, k))
            return
        if high is None or count < high:
            # One round more, unless this round matched nothing twice here.
            key = (id(node), i)
            visits = self.rep_count.get(key, 0)
            if visits < 2:
                self.rep_count[key] = visits + 1
                self.run(inner, i, lambda j: self.repeat(node, count + 1, j, k))
                self.rep_count[key] = visits
            if self.has_sol:
                return
        k(i)


def _in_set(node, c):
    _, negated, chars, classes, ranges = node
    found = c in chars or any(lo <= c <= hi for lo, hi in ranges) or any(f(c) for f in classes)
    return found != negated


@functools.lru_cache(maxsize=1024)
def compile_regex(pattern):
    """(node, number of groups, literal prefix or None, Python regex or
    None) for a POSIX ERE, or InvalidRegex."""
    parser = _Parser(pattern)
    node = parser.parse()
    fast = None
    source = _python_source(node)
    if source is not None:
        fast = re.compile(source, re.DOTALL)
        if fast.groups != parser.groups:
            fast = None
    return node, parser.groups, _literal_prefix(node)[0] or None, fast


SINGLE = ("char", "any", "set")
LATIN1 = [chr(i) for i in range(256)]


def _python_source(node):
    """The pattern in Python's syntax, if it leaves the search no choice
    that Python would make differently (see the module's comment)."""
    kind = node[0]
    if kind == "char":
        return re.escape(node[1])
    if kind == "any":
        return "[^\\x00]"
    if kind == "set":
        # Its members spelled out over the 256 characters a Nix string
        # holds; a negated set stays negated, so that it means the same for
        # any character.
        negated = node[1]
        members = [c for c in LATIN1 if _in_set(node, c) != negated]
        if not members:
            return "." if negated else "(?!)"
        return "[" + ("^" if negated else "") + "".join(_set_char(c) for c in members) + "]"
    if kind == "seq":
        parts = [_python_source(item) for item in node[1]]
        return None if None in parts else "(?:" + "".join(parts) + ")"
    if kind == "group":
        inner = _python_source(node[2])
        return None if inner is None else "(" + inner + ")"
    if kind == "repeat":
        _, inner, low, high = node
        if inner[0] not in SINGLE:
            return None
        return _python_source(inner) + "{%d,%s}" % (low, "" if high is None else high)
    if kind == "bol":
        return "\\A"
    if kind == "eol":
        return "\\Z"
    return None   # alternation


def _set_char(c):
    return "\\x%02x" % ord(c)


def _literal_prefix(node):
    """The characters every match starts with, as far as the pattern says
    so (possibly none): a search need only try where they occur."""
    if node[0] == "char":
        return node[1], True
    if node[0] == "group":
        return _literal_prefix(node[2])
    if node[0] == "seq":
        prefix = ""
        for item in node[1]:
            more, whole = _literal_prefix(item)
            prefix += more
            if not whole:
                return prefix, False
        return prefix, True
    return "", False


def _match_at(pattern, text, start, exact, not_null=False):
    node, ngroups, _, fast = compile_regex(pattern)
    if fast is not None and not not_null:
        m = fast.fullmatch(text, start) if exact else fast.match(text, start)
        return None if m is None else (m.end(), m.groups())
    search = _Search(text, start, exact, ngroups, not_null)
    search.run(node, start, search.accept)
    if not search.has_sol and search.best_groups is None:
        return None
    groups = search.best_groups
    return search.best_end, tuple(None if g is None else text[g[0]:g[1]] for g in groups[1:])


def fullmatch(pattern, text):
    """The groups of a match of the whole text, or None."""
    found = _match_at(pattern, text, 0, True)
    return None if found is None else found[1]


def _search(pattern, text, pos, not_null=False, continuous=False):
    _, _, prefix, fast = compile_regex(pattern)
    if fast is not None and not not_null and not continuous:
        m = fast.search(text, pos)
        return None if m is None else (m.start(), m.end(), m.groups())
    start = pos
    while start <= len(text):
        if prefix is not None and not continuous:
            start = text.find(prefix, start)
            if start == -1:
                return None
        found = _match_at(pattern, text, start, False, not_null)
        if found is not None:
            return start, found[0], found[1]
        if continuous:
            return None
        start += 1
    return None


def finditer(pattern, text):
    """(start, end, groups) of successive matches, as std::regex_iterator
    finds them: after an empty match, a non-empty one at the same place or
    else the next match one character on; after a non-empty match, the next
    match from its end (which may be empty)."""
    compile_regex(pattern)
    n = len(text)
    m = _search(pattern, text, 0)
    while m is not None:
        start, end, groups = m
        yield start, end, groups
        if end > start:
            m = _search(pattern, text, end)
            continue
        longer = _search(pattern, text, end, not_null=True, continuous=True)
        if longer is not None:
            m = longer
        elif end < n:
            m = _search(pattern, text, end + 1)
        else:
            m = None
