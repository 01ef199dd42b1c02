"""The package set nixlite ships: where `<nixpkgs>` and a command given no
file lead, and that real Nix reads it to the same derivations."""

import os
import subprocess
import sys

import pytest

from conformance import HOME, ROOT

PKGS = ROOT / "nixlite" / "pkgs"


def run(*args, cwd, env_extra=None):
    env = dict(os.environ, HOME=HOME, NIX_PATH="", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "nixlite", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_pkgs_path_is_the_shipped_set(tmp_path):
    proc = run("pkgs-path", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == f"{PKGS}\n"


def test_angle_nixpkgs_falls_back_to_the_shipped_set(tmp_path):
    proc = run("eval", "-E", "(import <nixpkgs> { }).system", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, '"x86_64-linux"\n'), proc.stderr


def test_search_path_entry_wins_over_the_shipped_set(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "default.nix").write_text("{ ... }: { system = \"mine\"; }\n")
    proc = run("eval", "-I", f"nixpkgs={tmp_path / 'mine'}", "-E", "(import <nixpkgs> { }).system", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, '"mine"\n'), proc.stderr


def test_no_file_means_default_nix_where_there_is_one(tmp_path):
    (tmp_path / "default.nix").write_text("{ system = \"here\"; }\n")
    proc = run("eval", "-A", "system", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, '"here"\n'), proc.stderr


def test_no_file_means_the_shipped_set_elsewhere(tmp_path):
    proc = run("eval", "-A", "system", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, '"x86_64-linux"\n'), proc.stderr


@pytest.mark.oracle
@pytest.mark.slow
def test_real_nix_instantiates_every_package_the_same(tmp_path):
    """Every attribute of the set that is a derivation: nixlite and real
    nix-instantiate write the same .drv path."""
    names = run("eval", "--strict", "--json", "-E",
                "let pkgs = import <nixpkgs> { }; in builtins.filter (n: "
                "let t = builtins.tryEval (pkgs.lib.isDerivation pkgs.${n}); in t.success && t.value) "
                "(builtins.attrNames pkgs)", cwd=tmp_path)
    assert names.returncode == 0, names.stderr
    import json
    attrs = json.loads(names.stdout)
    assert {"bash", "stdenv", "fakeNss", "makeWrapper", "tarsum", "lndir"} <= set(attrs)
    args = [a for name in attrs for a in ("-A", name)]
    mine = run("instantiate", str(PKGS), *args, "--root", str(tmp_path / "root"), cwd=tmp_path)
    assert mine.returncode == 0, mine.stderr
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    nix = subprocess.run(["nix-instantiate", str(PKGS), *args], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    assert nix.returncode == 0, nix.stderr
    assert mine.stdout == nix.stdout


@pytest.mark.oracle
def test_instantiate_calls_a_function_file_with_its_defaults(tmp_path):
    """nix-instantiate and nix-build call a file that is a function, as
    `{ pkgs ? import <nixpkgs> { } }: ...` files expect."""
    (tmp_path / "image.nix").write_text(
        '{ pkgs ? import <nixpkgs> { }, greeting ? "hi" }: pkgs.writeText "greeting" greeting\n')
    mine = run("instantiate", "./image.nix", "--root", str(tmp_path / "root"), cwd=tmp_path)
    assert mine.returncode == 0, mine.stderr
    env = dict(os.environ, HOME=HOME, NIX_PATH=f"nixpkgs={PKGS}")
    nix = subprocess.run(["nix-instantiate", "./image.nix"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert nix.returncode == 0, nix.stderr
    assert mine.stdout == nix.stdout and mine.stdout.endswith("-greeting.drv\n")


@pytest.mark.oracle
@pytest.mark.parametrize("expr", ["(import <nixpkgs> { }).nixosTests.docker-tools",
                                  "(import <nixpkgs> { }).go.GOARCH",
                                  "(import <nixpkgs> { }).dockerTools.tests.docker-tools"])
def test_go_and_nixos_tests_as_nix_has_them(tmp_path, expr):
    mine = run("eval", "-E", expr, cwd=tmp_path)
    env = dict(os.environ, HOME=HOME, NIX_PATH=f"nixpkgs={PKGS}")
    nix = subprocess.run(["nix-instantiate", "--eval", "-E", expr], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    assert (mine.returncode, mine.stdout, mine.stderr) == (nix.returncode, nix.stdout, nix.stderr)
    assert mine.stdout == '"amd64"\n' or "not available: NixOS tests need NixOS" in mine.stderr
