"""The build corpus: every derivation in corpus/build built by nixlite has
the outputs nix-build (sandbox = false) printed, with the NAR hashes Nix
recorded (corpus/build/*.build.json, written by scripts/record_corpus.py).
Builds that use nothing but the shell are built in nixlite's sandbox too."""

import json
import os
import subprocess
import sys

import pytest

from conformance import HOME, build_cases, build_record_path

pytestmark = pytest.mark.slow

CASES = build_cases()


def needs_host_tools(case):
    text = case.read_text()
    return any(tool in text.replace('builder = "/bin/sh"', "") for tool in ("/bin/", "/usr/bin/"))


def build(case, root, sandbox):
    cmd = [sys.executable, "-m", "nixlite", "build", str(case), "--no-out-link", "--root", str(root)]
    if not sandbox:
        cmd.append("--no-sandbox")
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=case.parent, timeout=300)


def nar_hash_text(path):
    from nixlite.hashing import base32
    from nixlite.store.nar import nar_hash
    return "sha256:" + base32(nar_hash(os.fsencode(path))[0])


def test_the_corpus_has_at_least_fifteen_recorded_builds():
    recorded = [c for c in CASES if build_record_path(c).exists()]
    assert len(recorded) == len(CASES) >= 15


# Host programs (/bin/mkdir ...) are not in the sandbox, as in Nix.
RUNS = [(case, False) for case in CASES] + [(case, True) for case in CASES if not needs_host_tools(case)]


@pytest.mark.parametrize("case,sandbox", RUNS, ids=[f"{c.stem}-{'sandbox' if s else 'no-sandbox'}" for c, s in RUNS])
def test_build_matches_nix(case, sandbox, tmp_path):
    record = json.loads(build_record_path(case).read_text())
    result = build(case, tmp_path / "root", sandbox)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == record["printed"]
    for path, nar in record["outputs"].items():
        assert nar_hash_text(tmp_path / "root" / "store" / path.rsplit("/", 1)[1]) == nar, path
