"""The recorded expectations still match the installed Nix (Nix 2.8.0)."""

import subprocess
import sys

import pytest

from conformance import ROOT

pytestmark = pytest.mark.oracle


def test_recordings_match_real_nix():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "record_corpus.py"), "--check"],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stdout
