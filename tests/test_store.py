"""nixlite's store: what instantiate writes, its metadata, the database, and
recovery from interrupted runs."""

import json
import os
import stat
import subprocess
import sys

import pytest

from conformance import HOME

GRAPH = """
let
  a = derivation { name = "a"; builder = "/bin/sh"; system = "x86_64-linux"; src = ./input; conf = builtins.toFile "conf" "x"; };
  b = derivation { name = "b"; builder = "/bin/sh"; system = "x86_64-linux"; dep = a; outputs = [ "out" "dev" ]; };
in { inherit a b; }
"""


def nixlite(*args, cwd, root):
    env = dict(os.environ, HOME=HOME, NIX_PATH="", NIXLITE_ROOT=str(root))
    return subprocess.run([sys.executable, "-m", "nixlite", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "default.nix").write_text(GRAPH)
    input_dir = tmp_path / "input"
    input_dir.mkdir()
    (input_dir / "run.sh").write_text("#!/bin/sh\n")
    (input_dir / "run.sh").chmod(0o755)
    (input_dir / "link").symlink_to("run.sh")
    return tmp_path


def test_instantiate_writes_valid_read_only_paths(project, tmp_path):
    root = tmp_path / "root"
    result = nixlite("instantiate", cwd=project, root=root)
    assert result.returncode == 0, result.stderr
    drvs = result.stdout.split()
    assert len(drvs) == 2 and all(d.endswith(".drv") for d in drvs)
    closure = nixlite("store", "path-info", "-r", drvs[1], cwd=project, root=root).stdout.split()
    assert drvs[0] in closure and any(p.endswith("-input") for p in closure) and any(p.endswith("-conf") for p in closure)
    for store_path in closure:
        physical = root / "store" / store_path.rsplit("/", 1)[1]
        for dirpath, dirnames, filenames in os.walk(physical):
            for name in dirnames + filenames + [""]:
                st = os.lstat(os.path.join(dirpath, name))
                assert st.st_mtime == 1
                if not stat.S_ISLNK(st.st_mode):
                    assert stat.S_IMODE(st.st_mode) in (0o444, 0o555)
        if physical.is_file():
            assert stat.S_IMODE(physical.stat().st_mode) == 0o444
    script = next(root.glob("store/*-input")) / "run.sh"
    assert stat.S_IMODE(script.stat().st_mode) == 0o555
    assert nixlite("store", "verify", cwd=project, root=root).returncode == 0


def test_verify_reports_a_modified_path(project, tmp_path):
    root = tmp_path / "root"
    nixlite("instantiate", cwd=project, root=root)
    conf = next(root.glob("store/*-conf"))
    conf.chmod(0o644)
    conf.write_text("tampered")
    result = nixlite("store", "verify", cwd=project, root=root)
    assert result.returncode == 1 and conf.name in result.stderr


def test_leftovers_of_an_interrupted_run_are_replaced(project, tmp_path):
    root = tmp_path / "root"
    first = nixlite("instantiate", "-A", "a", cwd=project, root=root).stdout.strip()
    drv_file = root / "store" / first.rsplit("/", 1)[1]
    good = drv_file.read_bytes()
    # A file at the final place that the database never recorded: what a
    # killed run leaves behind.
    (root / "var" / "nixlite" / "db.sqlite").unlink()
    for extra in ("db.sqlite-wal", "db.sqlite-shm"):
        (root / "var" / "nixlite" / extra).unlink(missing_ok=True)
    drv_file.chmod(0o644)
    drv_file.write_bytes(b"half written")
    again = nixlite("instantiate", "-A", "a", cwd=project, root=root)
    assert again.returncode == 0, again.stderr
    assert drv_file.read_bytes() == good
    assert nixlite("store", "verify", cwd=project, root=root).returncode == 0


def test_two_processes_at_once(project, tmp_path):
    root = tmp_path / "root"
    env = dict(os.environ, HOME=HOME, NIX_PATH="", NIXLITE_ROOT=str(root))
    procs = [subprocess.Popen([sys.executable, "-m", "nixlite", "instantiate"], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outputs]
    assert outputs[0][0] == outputs[1][0]
    assert nixlite("store", "verify", cwd=project, root=root).returncode == 0


@pytest.mark.oracle
def test_show_derivation_matches_nix(project, tmp_path):
    root = tmp_path / "root"
    mine = nixlite("show-derivation", "-f", "default.nix", "-A", "b", cwd=project, root=root)
    drv = subprocess.run(["nix-instantiate", "-A", "b"], cwd=project, capture_output=True, text=True).stdout.split("!")[0].strip()
    nix = subprocess.run(["nix", "--extra-experimental-features", "nix-command", "show-derivation", drv],
                         capture_output=True, text=True)
    assert json.loads(mine.stdout) == json.loads(nix.stdout)
    assert mine.stdout == nix.stdout


@pytest.mark.oracle
def test_store_dir_changes_every_hash_as_in_nix(tmp_path):
    expr = ('[ builtins.storeDir (derivation { name = "x"; builder = "/bin/sh"; system = "x86_64-linux"; }).outPath '
            '(builtins.toFile "f" "x") ]')
    env = dict(os.environ, HOME=HOME, NIX_STORE_DIR=str(tmp_path / "other-store"))
    nix = subprocess.run(["nix-instantiate", "--eval", "--strict", "-E", expr], env=env, capture_output=True, text=True)
    mine = subprocess.run([sys.executable, "-m", "nixlite", "eval", "--strict", "-E", expr], env=env,
                          capture_output=True, text=True)
    flag = subprocess.run([sys.executable, "-m", "nixlite", "--store-dir", str(tmp_path / "other-store"), "eval",
                           "--strict", "-E", expr], env=dict(os.environ, HOME=HOME), capture_output=True, text=True)
    assert nix.returncode == 0 and str(tmp_path) in nix.stdout
    assert mine.stdout == nix.stdout == flag.stdout


def test_removing_a_tree_leaves_what_its_symlinks_point_at_alone(tmp_path):
    from nixlite.store.store import _remove

    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "file").write_text("x")
    kept.chmod(0o555)
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "link").symlink_to(kept)
    (tree / "sub").chmod(0o555)
    tree.chmod(0o555)
    _remove(str(tree))
    assert not tree.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o555 and (kept / "file").read_text() == "x"


def test_a_path_lock_is_shared_within_a_process_and_exclusive_between_processes(tmp_path):
    from nixlite.store import pathlocks

    lock_file = str(tmp_path / "locks" / "out-ab.lock")
    other = [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR);"
             "fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)", lock_file]

    def other_process_can_take_it():
        return subprocess.run(other, capture_output=True).returncode == 0

    assert pathlocks.take(lock_file, blocking=False)
    # A second path of the same lock file, in this process: no wait.
    assert pathlocks.take(lock_file, blocking=False)
    assert not other_process_can_take_it()
    pathlocks.release(lock_file)
    assert not other_process_can_take_it()
    pathlocks.release(lock_file)
    assert other_process_can_take_it()
