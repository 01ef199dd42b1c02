"""nixlite eval --strict against outputs recorded from nix-instantiate --eval --strict."""

import pytest

from conformance import cases, expected_path, nixlite_run

OK = cases("eval", "ok")
FAIL = cases("eval", "fail")
TRACED = cases("trace", "fail")


@pytest.mark.parametrize("case", OK, ids=lambda p: p.stem)
def test_evaluates_like_nix(case):
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert nixlite_run("eval", case) == (0, expected)


@pytest.mark.parametrize("case", FAIL, ids=lambda p: p.stem)
def test_fails_like_nix(case):
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert nixlite_run("eval", case) == (1, expected)


@pytest.mark.parametrize("case", TRACED, ids=lambda p: p.stem)
def test_traces_like_nix(case):
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert nixlite_run("trace", case) == (1, expected)
