"""The POSIX regex engine runs patterns that leave its search no choice on
Python's `re`: on random patterns and texts, builtins.match and
builtins.split must come out the same either way. (Nix's own answers are
checked by the corpus and lib cases; this checks the shortcut against
the engine that reproduces them.)"""

import random

import pytest

from nixlite.eval import posix_regex

ATOMS = ["a", "b", "-", ".", "[ab]", "[^a]", "[[:digit:]]", "[a-]", "\\.", "[^[:space:]]"]
QUANTIFIERS = ["", "", "*", "+", "?", "{0,2}", "{1}", "{2,}"]
TEXT = "ab-1\n."


def random_pattern(rng, depth=0):
    items = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.15 and depth < 2:
            items.append("(" + random_pattern(rng, depth + 1) + ")")
        elif roll < 0.2:
            items.append(rng.choice(["^", "$"]))
        else:
            items.append(rng.choice(ATOMS) + rng.choice(QUANTIFIERS))
    return "".join(items)


def results(pattern, texts):
    out = []
    for text in texts:
        out.append(posix_regex.fullmatch(pattern, text))
        out.append(list(posix_regex.finditer(pattern, text)))
    return out


def test_the_shortcut_finds_what_the_search_finds(monkeypatch):
    rng = random.Random(2026)
    cases = []
    for _ in range(1500):
        pattern = random_pattern(rng)
        texts = ["".join(rng.choice(TEXT) for _ in range(rng.randint(0, 8))) for _ in range(6)]
        cases.append((pattern, texts))
    posix_regex.compile_regex.cache_clear()
    fast = [results(p, t) for p, t in cases]
    assert sum(posix_regex.compile_regex(p)[3] is not None for p, _ in cases) > 1000
    posix_regex.compile_regex.cache_clear()
    monkeypatch.setattr(posix_regex, "_python_source", lambda node: None)
    slow = [results(p, t) for p, t in cases]
    posix_regex.compile_regex.cache_clear()
    for (pattern, texts), a, b in zip(cases, fast, slow):
        assert a == b, (pattern, texts)


@pytest.mark.parametrize("pattern", ["a|b", "(ab)*", "(a|ab)(c|bcd)", "(a*)*"])
def test_patterns_with_choices_keep_the_search(pattern):
    assert posix_regex.compile_regex(pattern)[3] is None
