"""Mutated corpus inputs: the parser returns a tree or a clean error, promptly."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance import cases
from nixlite.diagnostics import NixError
from nixlite.syntax import ast
from nixlite.syntax.parse import parse_text
from nixlite.syntax.show import show

SOURCES = [p.read_bytes().decode("latin-1") for p in cases("parse", "ok") + cases("parse", "fail")]
FRAGMENTS = list("{}()[];:.,@?=+-*/!<>\"'$\\ \n\t#&|~") + [
    "${", "''", "or", "in", "let ", "rec ", "./a/", "...", "//", "++", "->", "inherit ",
    "''$", "'''", "''\\", "/*", "*/", "<a/b>", "x:", "1e", "\r", "\xe9"]


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        if text and draw(st.booleans()):
            text = text[:i] + text[i + draw(st.integers(1, 4)):]
        else:
            text = text[:i] + draw(st.sampled_from(FRAGMENTS)) + text[i:]
    return text


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_input_parses_or_fails_cleanly(text):
    try:
        module = parse_text(text, "stdin", base_dir="/base")
    except NixError as e:
        assert e.origin is not None and 0 <= e.offset <= len(text)
        assert e.render().startswith("error: ")
        return
    assert isinstance(module.root, ast.Node)
    assert show(module.root)
