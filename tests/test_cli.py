"""`nixlite parse` as a command: inputs, exit status and error output."""

import os
import subprocess
import sys

import pytest

from conformance import HOME

NIXLITE = [sys.executable, "-m", "nixlite"]


def run(args, stdin=b"", cwd=None):
    env = dict(os.environ, HOME=HOME)
    return subprocess.run(args, input=stdin, capture_output=True, env=env, cwd=cwd, timeout=60)


def both(args, stdin=b"", cwd=None):
    """nixlite parse ARGS and nix-instantiate --parse ARGS."""
    return run(NIXLITE + ["parse", *args], stdin, cwd), run(["nix-instantiate", "--parse", *args], stdin, cwd)


@pytest.mark.oracle
@pytest.mark.parametrize("source", [b"{ a = 1; b = ./x; }\n", b"1 +\n", b"x\n", b"  \t\"unterminated\n"])
def test_stdin_matches_nix(tmp_path, source):
    mine, nix = both(["-"], source, cwd=tmp_path)
    assert (mine.returncode, mine.stdout, mine.stderr) == (nix.returncode, nix.stdout, nix.stderr)


@pytest.mark.oracle
@pytest.mark.parametrize("expr", ["let a = 1; in a", "{ a = 1 }", "''\n  x\n''"])
def test_expr_matches_nix(tmp_path, expr):
    mine, nix = both(["-E", expr], cwd=tmp_path)
    assert (mine.returncode, mine.stdout, mine.stderr) == (nix.returncode, nix.stdout, nix.stderr)


@pytest.mark.oracle
def test_directory_means_default_nix(tmp_path):
    (tmp_path / "default.nix").write_text("./x\n")
    mine, nix = both([str(tmp_path)])
    assert mine.returncode == 0 and mine.stdout == nix.stdout


@pytest.mark.oracle
@pytest.mark.parametrize("name", ["missing.nix", "emptydir"])
def test_missing_files_match_nix(tmp_path, name):
    (tmp_path / "emptydir").mkdir()
    mine, nix = both([str(tmp_path / name)])
    assert (mine.returncode, mine.stderr) == (nix.returncode, nix.stderr)


def test_errors_never_show_a_traceback(tmp_path):
    bad = tmp_path / "bad.nix"
    bad.write_bytes(b"{ a = \xff; b = ${ ]\n")
    result = run(NIXLITE + ["parse", str(bad)])
    assert result.returncode == 1
    assert result.stderr.startswith(b"error: ")
    assert b"Traceback" not in result.stderr


def test_deep_nesting_parses(tmp_path):
    deep = tmp_path / "deep.nix"
    deep.write_text("[" * 20000 + "]" * 20000 + "\n")
    result = run(NIXLITE + ["parse", str(deep)])
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.count(b"[") == 20000
