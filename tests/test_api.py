"""nixlite.evaluate: Nix values as Python values, Nix errors as NixError."""

from pathlib import PurePosixPath

import pytest

import nixlite
from nixlite.eval.api import Function


def test_values_convert_to_python():
    result = nixlite.evaluate('{ i = 1; f = 1.5; s = "é"; b = true; n = null; l = [ 1 [ ] ]; p = /x/y; fn = x: x; }')
    assert result["i"] == 1 and result["f"] == 1.5 and result["s"] == "é"
    assert result["b"] is True and result["n"] is None and result["l"] == [1, []]
    assert result["p"] == PurePosixPath("/x/y")
    assert isinstance(result["fn"], Function)


def test_attr_and_args(tmp_path):
    f = tmp_path / "default.nix"
    f.write_text('{ name ? "world", n }: { greeting = "hello ${name}"; nums = builtins.genList (x: x * n) 3; }')
    assert nixlite.evaluate(file=str(f), attr="greeting", args={"n": "1"}) == "hello world"
    assert nixlite.evaluate(file=str(f), attr="nums", args={"n": "2"}) == [0, 2, 4]
    assert nixlite.evaluate(file=str(f), attr="nums.1", args={"n": "3"}) == 3


def test_lazy_when_not_strict():
    assert nixlite.evaluate('{ a = 1; b = throw "never"; }', attr="a", strict=False) == 1


def test_errors_carry_message_and_position():
    with pytest.raises(nixlite.NixError) as info:
        nixlite.evaluate('let x = { a = 1; }; in x.b')
    error = info.value
    assert error.message == "attribute 'b' missing"
    assert error.origin.line_col(error.offset) == (1, 24)
    assert "Did you mean a?" in error.report()


def test_syntax_errors_are_nix_errors():
    with pytest.raises(nixlite.NixError) as info:
        nixlite.evaluate("{ a = 1 }")
    assert info.value.message == "syntax error, unexpected '}', expecting ';'"


def test_deep_recursion_is_an_error_not_a_crash():
    with pytest.raises(nixlite.NixError) as info:
        nixlite.evaluate("let f = x: f x; in f 1")
    assert "stack overflow" in info.value.message
