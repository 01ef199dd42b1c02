"""nixlite run: a program with nixlite's store at /nix/store, read-only."""

import os
import subprocess
import sys

import pytest

from conformance import HOME

DRV = 'derivation { name = "greeting"; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo hi > $out" ]; }'


def nixlite(*args, root):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run([sys.executable, "-m", "nixlite", *args[:1], "--root", str(root), *args[1:]], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("run") / "root"
    built = nixlite("build", "-E", DRV, "--no-out-link", root=root)
    assert built.returncode == 0, built.stderr
    return root, built.stdout.strip()


def test_the_store_is_at_the_store_directory(store):
    root, path = store
    proc = nixlite("run", "cat", path, root=root)
    assert (proc.returncode, proc.stdout) == (0, "hi\n")


def test_exit_status_and_signals_are_the_programs(store):
    root, _ = store
    proc = nixlite("run", "sh", "-c", "grep SigIgn /proc/self/status; exit 7", root=root)
    assert proc.returncode == 7
    assert proc.stdout == "SigIgn:\t0000000000000000\n"


def test_the_store_is_read_only(store):
    root, path = store
    proc = nixlite("run", "sh", "-c", f"echo changed > {path}", root=root)
    assert proc.returncode != 0 and "Read-only file system" in proc.stderr
    assert (root / "store" / path.removeprefix("/nix/store/")).read_text() == "hi\n"


def test_a_root_without_a_store_is_an_error(tmp_path):
    proc = nixlite("run", "true", root=tmp_path / "nowhere")
    assert proc.returncode == 1
    assert "there is no nixlite store at" in proc.stderr
    assert not (tmp_path / "nowhere").exists()


def test_a_missing_program_is_an_error(store):
    root, _ = store
    proc = nixlite("run", "/no/such/program", root=root)
    assert proc.returncode == 1
    assert proc.stderr == "error: cannot run '/no/such/program': No such file or directory\n"
