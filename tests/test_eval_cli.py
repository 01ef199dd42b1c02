"""`nixlite eval` flags against `nix-instantiate --eval` with the same flags."""

import os
import subprocess
import sys

import pytest

from conformance import HOME

pytestmark = pytest.mark.oracle

FILE = """{ greeting ? "hello", who, n ? 1 }:
{
  message = "${greeting}, ${who}";
  numbers = builtins.genList (i: i * n) 3;
  nested.deeper = { value = n + 1; };
  fn = x: x;
  lib = import <lib/lib.nix>;
}
"""
LIB = "{ double = x: x * 2; names = [ \"a\" \"b\" ]; }\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "default.nix").write_text(FILE)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "lib.nix").write_text(LIB)
    return tmp_path


def run(cmd, cwd, stdin=b""):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, capture_output=True, env=env, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


CASES = [
    ["--strict", "-A", "message", "--argstr", "who", "world"],
    ["--strict", "-A", "numbers", "--arg", "n", "5", "--argstr", "who", "x"],
    ["-A", "nested.deeper.value", "--arg", "who", "\"x\""],
    ["--strict", "--json", "-A", "nested", "--argstr", "who", "x"],
    ["--strict", "--xml", "-A", "numbers", "--argstr", "who", "x"],
    ["--strict", "-A", "lib.names", "-I", "lib=./lib", "--argstr", "who", "x"],
    ["--strict", "-A", "message", "-A", "numbers", "--argstr", "who", "x"],
    ["--strict", "-A", "numbers.1", "--argstr", "who", "x"],
    ["-A", "missing", "--argstr", "who", "x"],
    ["--strict", "-A", "message"],
    [],
    ["--strict", "-E", "builtins.trace \"note\" 42"],
    ["-E", "{ a = 1 + 1; b = [ 1 (2 + 2) ]; c = \"s\"; d = x: x; e = { f = 1; }; }"],
    ["-E", "let a = { x = 1; }; in [ a a (builtins.seq a.x a) ]"],
    ["--json", "-E", "{ a = 1 + 1; b = [ 1 (2 + 2) ]; }"],
    ["--xml", "-E", "{ a = 1 + 1; b = [ 1 (2 + 2) ]; }"],
    ["--strict", "--show-trace", "-E", "let f = x: x.y; in { a = f { }; }"],
    ["--strict", "-E", "let x = 1; in { inherit x; y = [ x ]; }"],
    # Nix's logger filters escape sequences out of traces (not a terminal here).
    ["--strict", "-E", r'builtins.trace (builtins.fromJSON "\"\\u001b[1mX\\u001b[0m\\tY\\r\"") 1'],
    ["--strict", "-E", r'builtins.trace "a\tb" (builtins.trace [ "\t" ] (throw "c\td"))'],
    ["--strict", "--xml", "-E", "[ (x: x) ({ a, ... }@b: a) derivation ]"],
    ["--strict", "--xml", "--no-location", "-E", "[ (x: x) derivation ]"],
]


@pytest.mark.parametrize("flags", CASES, ids=lambda f: " ".join(f) or "no flags")
def test_flags_match_nix(project, flags):
    mine = run([sys.executable, "-m", "nixlite", "eval", *flags], project)
    nix = run(["nix-instantiate", "--eval", *flags], project)
    assert mine == nix


def test_stdin(project):
    source = b"{ a = 1 + 2; b = ./x; }"
    assert run([sys.executable, "-m", "nixlite", "eval", "--strict", "-"], project, source) == \
        run(["nix-instantiate", "--eval", "--strict", "-"], project, source)


def test_deep_recursion_evaluates(tmp_path):
    (tmp_path / "deep.nix").write_text("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 100000\n")
    code, out, err = run([sys.executable, "-m", "nixlite", "eval", "deep.nix"], tmp_path)
    assert (code, out) == (0, b"100000\n"), err
