"""The evaluation cache: a build run again answers from its record only
when everything its evaluation read and asked is unchanged."""

import os
import subprocess
import sys
import time

import pytest

from conformance import HOME

pytestmark = pytest.mark.slow

HIT = "answered from the evaluation cache"

EXPR = '''
let
  lib = import ./lib.nix;
  src = ./src;
in derivation {
  name = "cached";
  system = "x86_64-linux";
  builder = "/bin/sh";
  args = [ "-c" "echo $text > $out; /bin/cat $src/a >> $out" ];
  inherit src;
  text = builtins.concatStringsSep " " [
    lib.word
    (builtins.readFile ./data)
    (toString (builtins.attrNames (builtins.readDir ./dir)))
    (if builtins.pathExists ./flag then "flag" else "no-flag")
    (builtins.getEnv "SALT")
  ];
}
'''


def nixlite(workdir, *args, env=None):
    environment = dict(os.environ, HOME=HOME, NIX_PATH="", NIXLITE_DEBUG="1", **(env or {}))
    environment.pop("SALT", None)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "nixlite", "build", *args, "--no-sandbox",
                           "--root", str(workdir / "root")],
                          cwd=workdir, env=environment, capture_output=True, text=True, timeout=120)


def settle():
    """Let the files written be older than the cache's racy window."""
    time.sleep(0.2)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "default.nix").write_text(EXPR)
    (tmp_path / "lib.nix").write_text('{ word = "hello"; }')
    (tmp_path / "data").write_text("data")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "one").write_text("")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a").write_text("source a\n")
    settle()
    return tmp_path


def build(workdir, *args, env=None):
    proc = nixlite(workdir, *args, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_a_second_build_is_answered_from_the_record(project):
    first = build(project)
    assert HIT not in first.stderr
    second = build(project)
    assert HIT in second.stderr
    assert second.stdout == first.stdout
    (out,) = second.stdout.split()
    link = project / "result"
    assert os.readlink(link) == str(project / "root" / "store" / out.rsplit("/", 1)[1])
    assert link.read_text() == "hello data one no-flag\nsource a\n"
    # The link is made again, and stays a gc root.
    link.unlink()
    build(project)
    assert link.read_text().startswith("hello")
    gc = subprocess.run([sys.executable, "-m", "nixlite", "gc", "--root", str(project / "root")],
                        env=dict(os.environ, HOME=HOME), capture_output=True, text=True)
    assert gc.returncode == 0, gc.stderr
    assert link.read_text().startswith("hello")


CHANGES = {
    "imported file": lambda p: (p / "lib.nix").write_text('{ word = "bye"; }'),
    "file read": lambda p: (p / "data").write_text("other"),
    "directory listed": lambda p: (p / "dir" / "two").write_text(""),
    "path asked about": lambda p: (p / "flag").write_text(""),
    "copied source": lambda p: (p / "src" / "a").write_text("source b\n"),
    "copied source tree": lambda p: (p / "src" / "b").write_text(""),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_to_what_evaluation_read_evaluates_anew(project, change):
    first = build(project)
    assert HIT in build(project).stderr
    CHANGES[change](project)
    settle()
    again = build(project)
    assert HIT not in again.stderr
    assert again.stdout != first.stdout
    assert HIT in build(project).stderr   # recorded anew


def test_an_environment_variable_read_is_part_of_the_record(project):
    plain = build(project)
    salted = build(project, env={"SALT": "x"})
    assert HIT not in salted.stderr and salted.stdout != plain.stdout
    assert HIT in build(project, env={"SALT": "x"}).stderr
    assert build(project).stdout == plain.stdout


def test_another_command_line_or_directory_has_its_own_record(project):
    build(project)
    assert HIT not in build(project, "-o", "other").stderr
    assert HIT in build(project, "-o", "other").stderr
    assert os.path.islink(project / "other")
    assert HIT not in build(project, "--no-out-link").stderr


@pytest.mark.parametrize("impure", ["builtins.currentTime", 'builtins.trace "hi" 1'])
def test_impure_evaluations_are_not_recorded(tmp_path, impure):
    (tmp_path / "default.nix").write_text(
        f'derivation {{ name = "t"; system = "x86_64-linux"; builder = "/bin/sh"; '
        f'args = [ "-c" "echo > $out" ]; seen = builtins.seq ({impure}) "x"; }}')
    settle()
    build(tmp_path)
    assert HIT not in build(tmp_path).stderr
    assert not os.path.exists(tmp_path / "root" / "var" / "nixlite" / "eval-cache")


def test_a_file_changed_too_recently_is_not_trusted(project):
    future = time.time_ns() + 10 ** 9
    os.utime(project / "data", ns=(future, future))
    build(project)
    assert HIT not in build(project).stderr


def test_an_output_no_longer_valid_is_built_again(project):
    first = build(project, "--no-out-link")
    (out,) = first.stdout.split()
    gc = subprocess.run([sys.executable, "-m", "nixlite", "gc", "--root", str(project / "root")],
                        env=dict(os.environ, HOME=HOME), capture_output=True, text=True)
    assert gc.returncode == 0 and not os.path.exists(project / "root" / "store" / out.rsplit("/", 1)[1])
    again = build(project, "--no-out-link")
    assert HIT not in again.stderr and again.stdout == first.stdout
    assert "building" in again.stderr


def test_the_cache_can_be_turned_off(project):
    build(project)
    assert HIT not in build(project, env={"NIXLITE_EVAL_CACHE": "0"}).stderr


def test_a_store_path_asked_about_is_not_recorded(tmp_path):
    # What evaluation sees at the store directory is nixlite's store (and
    # what is valid there decides it); the check outside sees the host's.
    (tmp_path / "b.nix").write_text('derivation { name = "b"; system = "x86_64-linux"; builder = "/bin/sh"; '
                                    'args = [ "-c" "echo b > $out" ]; }')
    environment = dict(os.environ, HOME=HOME, NIX_PATH="")
    out = subprocess.run([sys.executable, "-m", "nixlite", "eval", "--expr", f"(import {tmp_path}/b.nix).outPath"],
                         env=environment, capture_output=True, text=True).stdout.strip()
    (tmp_path / "a.nix").write_text(   # (a path this evaluation does not know how to build)
        f'derivation {{ name = if builtins.pathExists {out} then "yes" else "no"; system = "x86_64-linux"; '
        'builder = "/bin/sh"; args = [ "-c" "echo a > $out" ]; }')
    settle()
    assert build(tmp_path, "a.nix").stdout.strip().endswith("-no")
    build(tmp_path, "b.nix", "--no-out-link")
    again = build(tmp_path, "a.nix")
    assert HIT not in again.stderr and again.stdout.strip().endswith("-yes")


def test_kernel_files_are_not_recorded(tmp_path):
    (tmp_path / "default.nix").write_text(
        'derivation { name = "u-${builtins.substring 0 8 (builtins.readFile /proc/sys/kernel/random/uuid)}"; '
        'system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "echo > $out" ]; }')
    settle()
    first = build(tmp_path)
    second = build(tmp_path)
    assert HIT not in second.stderr and second.stdout != first.stdout


@pytest.mark.oracle
def test_current_system_is_nix_s_under_another_personality(tmp_path):
    # Nix answers the platform it was built for, whatever uname says; so
    # a record made without setarch answers for a run under it.
    (tmp_path / "default.nix").write_text(
        'derivation { name = "s-${builtins.currentSystem}"; system = "x86_64-linux"; builder = "/bin/sh"; '
        'args = [ "-c" "echo > $out" ]; }')
    settle()
    environment = dict(os.environ, HOME=HOME, NIX_PATH="", NIXLITE_DEBUG="1")
    nix = subprocess.run(["setarch", "linux32", "nix-instantiate", "--eval", "-E", "builtins.currentSystem"],
                         env=environment, capture_output=True, text=True)
    assert nix.returncode == 0, nix.stderr
    runs = []
    for _ in range(2):
        runs.append(subprocess.run(["setarch", "linux32", sys.executable, "-m", "nixlite", "build", "--no-sandbox",
                                    "--root", str(tmp_path / "root")], cwd=tmp_path, env=environment,
                                   capture_output=True, text=True, timeout=120))
        assert runs[-1].returncode == 0, runs[-1].stderr
    assert runs[0].stdout.strip().endswith("-s-" + nix.stdout.strip().strip('"'))
    assert HIT in runs[1].stderr and runs[1].stdout == runs[0].stdout
    assert build(tmp_path).stdout == runs[0].stdout


def test_what_changes_during_an_evaluation_is_not_recorded(tmp_path):
    from nixlite import deps

    path = tmp_path / "f"
    path.write_text("one")
    settle()
    recorder = deps.start()
    try:
        deps.file_read(str(path))
        assert deps.ask("exists", str(tmp_path / "g")) is False
        assert not recorder.unsettled
        path.write_text("two")
        (tmp_path / "g").write_text("")
        settle()
        assert deps.ask("exists", str(tmp_path / "g")) is True
        assert recorder.unsettled
        recorder.unsettled = False
        deps.file_read(str(path))
        assert recorder.unsettled
    finally:
        deps.stop()


def test_a_broken_pipe_is_reported_as_the_full_run_reports_it(project):
    build(project)
    read, write = os.pipe()
    os.close(read)
    environment = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run([sys.executable, "-m", "nixlite", "build", "--no-sandbox", "--root", str(project / "root")],
                          cwd=project, env=environment, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(write)
    assert proc.returncode == 1 and proc.stderr == "error: [Errno 32] Broken pipe\n"
