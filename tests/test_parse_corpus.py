"""nixlite parse against the outputs recorded from nix-instantiate --parse."""

import pytest

from conformance import cases, expected_path, nixlite_run, normalise

OK = cases("parse", "ok")
FAIL = cases("parse", "fail")


def test_corpus_is_large_enough():
    assert len(OK) >= 150 and len(FAIL) >= 30


@pytest.mark.parametrize("case", OK, ids=lambda p: p.stem)
def test_parses_like_nix(case):
    status, output = nixlite_run("parse", case)
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert (status, normalise(output)) == (0, normalise(expected))


@pytest.mark.parametrize("case", FAIL, ids=lambda p: p.stem)
def test_fails_like_nix(case):
    status, output = nixlite_run("parse", case)
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert (status, output) == (1, expected)
