"""`nixlite conform` compares nixlite with real Nix and reports differences."""

import io

import pytest

from nixlite import conform as conform_module

pytestmark = pytest.mark.oracle


def test_matching_files_pass(tmp_path):
    (tmp_path / "a.nix").write_text("{ x = [ 1 2 ]; y = \"s\"; }\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.nix").write_text("throw \"boom\"\n")
    out = io.StringIO()
    assert conform_module.conform([str(tmp_path)], out=out) == 0
    assert out.getvalue().endswith("2 passed, 0 failed\n")


def test_a_difference_is_shown_and_fails(tmp_path, monkeypatch):
    (tmp_path / "a.nix").write_text("1 + 1\n")
    monkeypatch.setattr(conform_module, "run_nixlite", lambda path, json_output: (0, "3\n"))
    out = io.StringIO()
    assert conform_module.conform([str(tmp_path / "a.nix")], out=out) == 1
    report = out.getvalue()
    assert "DIFF" in report and "-2" in report and "+3" in report
    assert report.endswith("0 passed, 1 failed\n")
