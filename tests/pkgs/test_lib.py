"""nixlite's `lib` (nixlite/pkgs/lib): the cases of lib_cases.nix hold under
nixlite, and (oracle) real Nix evaluates every case to the same JSON and
finds them all holding too, and a few errors read the same under both."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import HOME, ROOT

HERE = Path(__file__).resolve().parent
CASES = HERE / "lib_cases.nix"
LIB = ROOT / "nixlite" / "pkgs" / "lib"

_CASES = f"(import {CASES})"
# The names of the cases whose expr differs from expected.
FAILING = f"let c = {_CASES}; in builtins.filter (n: c.${{n}}.expr != c.${{n}}.expected) (builtins.attrNames c)"
# Those cases with both their values, for the report.
FAILURES = (f"let c = {_CASES}; in builtins.listToAttrs (map (n: {{ name = n; value = c.${{n}}; }}) "
            f"(builtins.filter (n: c.${{n}}.expr != c.${{n}}.expected) (builtins.attrNames c)))")
# Every case's expr.
EXPRS = f"builtins.mapAttrs (n: c: c.expr) {_CASES}"


def _env():
    return dict(os.environ, HOME=HOME, NIX_PATH="")


def nixlite_eval(expr, *flags):
    return subprocess.run([sys.executable, "-m", "nixlite", "eval", *flags, "-E", expr], cwd=HERE,
                          env=_env(), capture_output=True, timeout=600)


def nix_eval(expr, *flags):
    return subprocess.run(["nix-instantiate", "--eval", *flags, "-E", expr], cwd=HERE,
                          env=_env(), capture_output=True, timeout=600)


def _json(proc, who):
    assert proc.returncode == 0, f"{who} failed:\n{proc.stderr.decode('latin-1')}"
    return json.loads(proc.stdout)


def _failures(run, who):
    """{name: {expr, expected}} of the failing cases, as `run` evaluates them."""
    names = _json(run(FAILING, "--strict", "--json"), who)
    if not names:
        return {}
    return _json(run(FAILURES, "--strict", "--json"), who)


def _show(failures):
    return "\n".join(f"  {name}:\n    expr     = {json.dumps(v['expr'])}\n    expected = {json.dumps(v['expected'])}"
                     for name, v in sorted(failures.items()))


def test_cases_hold_under_nixlite():
    failures = _failures(nixlite_eval, "nixlite")
    assert not failures, "failing cases under nixlite:\n" + _show(failures)


def test_every_export_has_a_case():
    """Every name lib exports (at the top and in each namespace) appears in
    lib_cases.nix."""
    expr = (f"let lib = import {LIB}; in builtins.concatLists (builtins.attrValues (builtins.mapAttrs "
            "(n: v: [ n ] ++ (if builtins.isAttrs v && !(v ? __functor) && n != \"__unfix__\" "
            "then builtins.attrNames v else [ ])) lib))")
    names = set(_json(nixlite_eval(expr, "--strict", "--json"), "nixlite"))
    text = CASES.read_text()
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_'-]*", text))
    missing = sorted(n for n in names - words if n not in {"__unfix__"})
    assert not missing, f"exported but never used in lib_cases.nix: {missing}"


@pytest.mark.oracle
def test_cases_hold_under_nix():
    failures = _failures(nix_eval, "nix-instantiate")
    assert not failures, "failing cases under real Nix:\n" + _show(failures)


@pytest.mark.oracle
def test_case_values_match_nix():
    """Every expr gives byte-identical JSON under nixlite and real Nix."""
    mine = nixlite_eval(EXPRS, "--strict", "--json")
    theirs = nix_eval(EXPRS, "--strict", "--json")
    assert theirs.returncode == 0, theirs.stderr.decode("latin-1")
    assert mine.returncode == 0, mine.stderr.decode("latin-1")
    if mine.stdout != theirs.stdout:
        a, b = json.loads(mine.stdout), json.loads(theirs.stdout)
        diffs = {n: (a.get(n), b.get(n)) for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)}
        assert not diffs, "\n".join(f"{n}: nixlite {x!r}, nix {y!r}" for n, (x, y) in diffs.items())
        assert mine.stdout == theirs.stdout  # same values, different bytes


# -- errors --------------------------------------------------------------------

def _message(stderr):
    """The error's message: from `error: ` to the first blank line, with the
    checkout's root marked."""
    text = stderr.decode("latin-1").replace(str(ROOT), "@ROOT@")
    start = text.index("error: ")
    return text[start:].split("\n\n")[0].rstrip("\n")


_LIB = "let lib = import ../../nixlite/pkgs/lib; in "

ERRORS = {
    "throwIf": ('lib.throwIf true "in docker image x: You can not specify both contents and copyToRoot." 1',
                "error: in docker image x: You can not specify both contents and copyToRoot."),
    "throwIfNot": ('lib.throwIfNot false "not so" 1', "error: not so"),
    "assertMsg": ('assert lib.assertMsg (1 > 2) "the maxLayers argument of dockerTools.buildLayeredImage function must be greather than 1 (current value: 1)"; 1',
                  "error: the maxLayers argument of dockerTools.buildLayeredImage function must be greather than 1 (current value: 1)"),
    "assertOneOf": ('lib.assertOneOf "sslLibrary" "libressl" [ "openssl" "bearssl" ]',
                    'error: sslLibrary must be one of [\n         "openssl"\n         "bearssl"\n       ], but is: "libressl"'),
    "last": ("lib.last [ ]", "error: lists.last: list must not be empty!"),
    "getAttrFromPath": ('lib.getAttrFromPath [ "a" "b" ] { a = { }; }', "error: getAttrFromPath: cannot find attribute `a.b'"),
    "toInt": ('lib.toInt "0x1"', 'error: toInt: Could not convert "0x1" to int.'),
    "callPackages-single": ('lib.callPackagesWith { } (_: derivation { name = "x"; system = "s"; builder = "b"; }) { }',
                            'error: function `callPackages` was called on a *single* derivation "x"; '
                            "did you mean to use `callPackage` instead?"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_message_nixlite(name):
    expr, expected = ERRORS[name]
    proc = nixlite_eval(_LIB + expr, "--strict")
    assert proc.returncode == 1, proc.stdout
    assert _message(proc.stderr) == expected


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_output_matches_nix(name):
    expr, _ = ERRORS[name]
    mine = nixlite_eval(_LIB + expr, "--strict")
    theirs = nix_eval(_LIB + expr, "--strict")
    assert mine.returncode == theirs.returncode == 1
    assert mine.stderr == theirs.stderr


CALL_MISSING = _LIB + "lib.callPackageWith { a = 1; } ./data/pkgfn.nix { }"


def test_callpackage_missing_argument_nixlite():
    proc = nixlite_eval(CALL_MISSING, "--strict")
    assert proc.returncode == 1
    message = _message(proc.stderr)
    assert 'called without required argument "needed"' in message
    assert "@ROOT@/tests/pkgs/data/pkgfn.nix" in message


@pytest.mark.oracle
def test_callpackage_missing_argument_nix():
    """Both fail, naming the argument and the file."""
    mine, theirs = nixlite_eval(CALL_MISSING, "--strict"), nix_eval(CALL_MISSING, "--strict")
    assert mine.returncode == theirs.returncode == 1
    for proc in (mine, theirs):
        message = _message(proc.stderr)
        assert message.startswith("error: callPackageWith: function ")
        assert 'called without required argument "needed"' in message
        assert "@ROOT@/tests/pkgs/data/pkgfn.nix" in message


@pytest.mark.oracle
def test_callpackage_missing_argument_identical_to_nix():
    mine, theirs = nixlite_eval(CALL_MISSING, "--strict"), nix_eval(CALL_MISSING, "--strict")
    assert _message(mine.stderr) == _message(theirs.stderr)
