"""The top-level names the parser accepts are exactly Nix 2.8's."""

import json
import subprocess

import pytest

from nixlite.syntax.globals import PLAIN, PREFIXED, TOP_LEVEL

pytestmark = pytest.mark.oracle


def nix(*args):
    return subprocess.run(["nix-instantiate", *args], capture_output=True, text=True, timeout=60)


def test_builtins_attrset_names():
    names = json.loads(nix("--eval", "--json", "-E", "builtins.attrNames builtins").stdout)
    assert sorted(names) == sorted(set(PLAIN) - {"builtins"} | set(PREFIXED) | {"builtins"})


def test_every_top_level_name_is_in_scope_in_nix():
    expr = "[ " + " ".join(sorted(TOP_LEVEL)) + " ]"
    assert nix("--parse", "-E", expr).returncode == 0


def test_no_unprefixed_twin_is_in_scope_in_nix():
    for name in PREFIXED:
        if name not in PLAIN:
            assert nix("--parse", "-E", name).returncode == 1, name
