"""Derivations: values, .drv paths and .drv bytes against real Nix's."""

import json

import pytest

from conformance import cases, drvs_path, expected_path, nixlite_instantiate, nixlite_run

OK = cases("drv", "ok")
FAIL = cases("drv", "fail")


def test_corpus_is_large_enough():
    assert len(OK) >= 80


@pytest.mark.parametrize("case", OK, ids=lambda p: p.stem)
def test_values_like_nix(case):
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert nixlite_run("drv", case) == (0, expected)


@pytest.mark.parametrize("case", OK, ids=lambda p: p.stem)
def test_drv_files_like_nix(case, tmp_path):
    expected = json.loads(drvs_path(case).read_text())
    assert nixlite_instantiate(case, tmp_path / "root") == expected


@pytest.mark.parametrize("case", FAIL, ids=lambda p: p.stem)
def test_errors_like_nix(case):
    expected = expected_path(case).read_bytes().decode("latin-1")
    assert nixlite_run("drv", case) == (1, expected)
