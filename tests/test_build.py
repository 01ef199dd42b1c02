"""nixlite build: real builds with /bin/sh, against real nix-build where it
counts (environment, output NAR hashes)."""

import os
import signal
import time
import subprocess
import sys

import pytest

from conformance import HOME, NIX_BUILD_OPTIONS

pytestmark = pytest.mark.slow

MK = 'let mk = attrs: derivation ({ system = "x86_64-linux"; builder = "/bin/sh"; } // attrs); in '


def nixlite(*args, cwd, root, sandbox=False):
    """Builds compare with nix-build --option sandbox false: unsandboxed
    unless asked for."""
    if args[0] == "build" and not sandbox:
        args += ("--no-sandbox",)
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run([sys.executable, "-m", "nixlite", *args, "--root", str(root)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def run_nix_build(cwd, *args):
    """nix-build ARGS --no-out-link, unsandboxed, as the tests compare with."""
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run(["nix-build", *map(str, args), "--no-out-link", *NIX_BUILD_OPTIONS], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def nix_build(cwd, *args):
    proc = run_nix_build(cwd, *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def nar_hash_of(path):
    from nixlite.store.nar import nar_hash
    return nar_hash(os.fsencode(path))[0].hex()


@pytest.fixture
def workdir(tmp_path):
    return tmp_path


def write(workdir, text):
    path = workdir / "default.nix"
    path.write_text(text)
    return path


@pytest.mark.oracle
def test_environment_matches_nix_build(workdir):
    write(workdir, MK + 'mk { name = "env"; args = [ "-c" "export -p > $out" ]; '
          'passAsFile = [ "big" ]; big = "text"; other = [ 1 true null ]; }')
    mine = nixlite("build", cwd=workdir, root=workdir / "root")
    assert mine.returncode == 0, mine.stderr
    (out,) = mine.stdout.split()
    (nix_out,) = nix_build(workdir, "default.nix")
    assert out == nix_out
    mine_env = (workdir / "result").read_text()
    nix_env = open(nix_out).read()

    def without_build_dir(text):
        import re
        return re.sub(r"/tmp/nix-build-env\.drv-\d+", "BUILD", text)
    assert without_build_dir(mine_env) == without_build_dir(nix_env)


BUILDS = {  # the build corpus (corpus/build) compares many more shapes with nix-build
    "text": 'mk { name = "t"; args = [ "-c" "echo hello > $out" ]; }',
    "refers": 'let a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in '
              'mk { name = "r"; args = [ "-c" "echo ${a} > $out" ]; }',
}


@pytest.mark.oracle
def test_output_cycle_is_an_error_as_in_nix(workdir):
    path = write(workdir, MK + 'mk { name = "cyc"; outputs = [ "out" "dev" ]; '
                 'args = [ "-c" "echo $dev > $out; echo $out > $dev" ]; }')
    result = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    nix = run_nix_build(workdir, path)
    assert result.returncode == 100 and nix.returncode != 0
    nix_line = next(line for line in nix.stderr.splitlines() if "cycle detected" in line)
    assert nix_line in result.stderr


def test_references_are_found(workdir):
    write(workdir, MK + BUILDS["refers"])
    mine = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    (out,) = mine.stdout.split()
    info = nixlite("store", "path-info", "-r", out, cwd=workdir, root=workdir / "root").stdout.split()
    assert len(info) == 2 and any(p.endswith("-a") for p in info)
    assert nixlite("store", "verify", cwd=workdir, root=workdir / "root").returncode == 0


def test_failing_builder_reports_and_skips_dependants(workdir):
    write(workdir, MK + 'let bad = mk { name = "bad"; args = [ "-c" "echo line one; echo oops >&2; exit 3" ]; }; '
          'good = mk { name = "good"; args = [ "-c" "echo ok > $out" ]; }; in '
          '{ top = mk { name = "top"; dep = bad; args = [ "-c" "echo > $out" ]; }; inherit good; }')
    result = nixlite("build", "--no-out-link", "-j", "2", cwd=workdir, root=workdir / "root")
    assert result.returncode == 100
    assert "failed with exit code 3" in result.stderr and "> oops" in result.stderr
    assert "skipped" in result.stderr and "top.drv" in result.stderr
    good = nixlite("build", "--no-out-link", "-A", "good", cwd=workdir, root=workdir / "root")
    assert good.returncode == 0


@pytest.mark.oracle
def test_fixed_output_hash_mismatch_is_reported_as_nix_does(workdir):
    path = write(workdir, MK + 'mk { name = "f"; outputHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; '
                 'args = [ "-c" "echo not empty > $out" ]; }')
    result = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    nix = run_nix_build(workdir, path)
    assert result.returncode == nix.returncode == 102
    nix_report = nix.stderr[nix.stderr.index("error: hash mismatch"):]
    assert nix_report in result.stderr
    assert nixlite("store", "verify", cwd=workdir, root=workdir / "root").returncode == 0


def test_keep_failed_keeps_the_build_directory(workdir):
    write(workdir, MK + 'mk { name = "kf"; args = [ "-c" "echo partial > part; exit 1" ]; }')
    result = nixlite("build", "--no-out-link", "--keep-failed", cwd=workdir, root=workdir / "root")
    assert result.returncode == 100
    kept = result.stderr.split("keeping build directory '")[1].split("'")[0]
    assert open(os.path.join(kept, "part")).read() == "partial\n"


def test_second_build_is_a_no_op_and_leftovers_are_replaced(workdir):
    write(workdir, MK + BUILDS["text"])
    root = workdir / "root"
    first = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    (out,) = first.stdout.split()
    again = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    assert again.stdout == first.stdout and "building" not in again.stderr
    # An output a killed build left behind, never registered, is built again.
    physical = root / "store" / out.rsplit("/", 1)[1]
    (root / "var" / "nixlite" / "db.sqlite").unlink()
    for extra in ("db.sqlite-wal", "db.sqlite-shm"):
        (root / "var" / "nixlite" / extra).unlink(missing_ok=True)
    physical.chmod(0o644)
    physical.write_text("half")
    rebuilt = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert physical.read_text() == "hello\n"


def test_log_prints_the_whole_build_log(workdir):
    lines = " ".join(f"echo line{i};" for i in range(40))
    write(workdir, MK + f'mk {{ name = "logged"; args = [ "-c" "{lines} exit 1" ]; }}')
    root = workdir / "root"
    failed = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    assert failed.returncode == 100
    assert "> line39" in failed.stderr and "> line14" not in failed.stderr  # the last 25 lines
    drv = failed.stderr.split("builder for '")[1].split("'")[0]
    log = nixlite("log", drv, cwd=workdir, root=root)
    assert log.returncode == 0 and log.stdout.split() == [f"line{i}" for i in range(40)]
    missing = nixlite("log", drv.replace("logged", "other"), cwd=workdir, root=root)
    assert missing.returncode == 1 and "is not available" in missing.stderr


@pytest.mark.parametrize("sandbox", [False, True])
def test_a_log_is_the_last_attempt_s_whole_output(workdir, sandbox):
    # The same derivation fails loudly, fails silently, fails loudly
    # again, then succeeds silently (its builder looks at a file outside the sandbox's view,
    # through an impure path the test changes between attempts).
    flag = workdir / "attempt"
    write(workdir, MK + f'mk {{ name = "attempts"; __noChroot = true; args = [ "-c" '
          f'"read n < {flag}; case $n in 1) echo first; echo >&2 second; exit 1;; 2) exit 1;; esac; : > $out" ]; }}')
    root = workdir / "root"

    def attempt(number):
        flag.write_text(f"{number}\n")
        return nixlite("build", "--no-out-link", cwd=workdir, root=root, sandbox=sandbox)

    first = attempt(1)
    assert first.returncode == 100, first.stderr
    assert [line.strip() for line in first.stderr.splitlines()[-2:]] == ["> first", "> second"]
    drv = first.stderr.split("builder for '")[1].split("'")[0]
    assert nixlite("log", drv, cwd=workdir, root=root).stdout == "first\nsecond\n"
    second = attempt(2)
    assert second.returncode == 100 and "last" not in second.stderr, second.stderr
    log = nixlite("log", drv, cwd=workdir, root=root)
    assert (log.returncode, log.stdout) == (0, "")
    assert attempt(1).returncode == 100
    third = attempt(3)
    assert third.returncode == 0, third.stderr
    log = nixlite("log", drv, cwd=workdir, root=root)
    assert (log.returncode, log.stdout, log.stderr) == (0, "", "")


def test_a_process_left_holding_the_log_does_not_hold_the_build(workdir):
    # (Unsandboxed: in a sandbox, such a process dies with the builder.)
    write(workdir, MK + 'mk { name = "daemon"; args = [ "-c" '
          '"echo before; (/bin/sleep 20 2>/dev/null && echo late) & echo made > $out" ]; }')
    root = workdir / "root"
    start = time.monotonic()
    built = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    assert built.returncode == 0, built.stderr
    assert time.monotonic() - start < 15   # not waiting for the sleep
    drv = nixlite("instantiate", cwd=workdir, root=root).stdout.strip()
    assert nixlite("log", drv, cwd=workdir, root=root).stdout == "before\n"


def test_gc_keeps_what_result_links_reach_and_deletes_the_rest(workdir):
    write(workdir, MK + 'let a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in {'
          ' b = mk { name = "b"; inherit a; args = [ "-c" "echo $a > $out" ]; };'
          ' c = mk { name = "c"; args = [ "-c" "echo c > $out" ]; }; }')
    root = workdir / "root"
    b = nixlite("build", "-A", "b", "-o", "res-b", cwd=workdir, root=root).stdout.split()[0]
    c = nixlite("build", "-A", "c", "-o", "res-c", cwd=workdir, root=root).stdout.split()[0]
    before = set(os.listdir(root / "store"))
    (workdir / "res-c").unlink()
    gc = nixlite("gc", cwd=workdir, root=root)
    assert gc.returncode == 0 and gc.stdout.startswith("2 store paths deleted, ")  # c and c.drv
    after = set(os.listdir(root / "store"))
    assert c.rsplit("/", 1)[1] not in after and len(before - after) == 2
    assert (workdir / "res-b").read_text().strip().endswith("-a")
    assert nixlite("store", "verify", cwd=workdir, root=root).returncode == 0
    assert b.rsplit("/", 1)[1] in after
    again = nixlite("build", "-A", "b", "-o", "res-b", cwd=workdir, root=root)
    assert "building" not in again.stderr


def test_two_processes_build_the_same_derivation_once(workdir):
    count = workdir / "count"
    write(workdir, MK + f'mk {{ name = "once"; args = [ "-c" "echo x >> {count}; /bin/sleep 1; echo done > $out" ]; }}')
    root = workdir / "root"
    cmd = [sys.executable, "-m", "nixlite", "build", "--no-out-link", "--no-sandbox", "--root", str(root)]
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    procs = [subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert outs[0][0] == outs[1][0]
    assert count.read_text() == "x\n"


def test_killed_build_leaves_nothing_valid_and_reruns(workdir):
    started = workdir / "started"
    write(workdir, MK + f'mk {{ name = "slow"; args = [ "-c" "if [ -e {started} ]; then echo full > $out; '
          f'else echo half > $out; echo > {started}; /bin/sleep 30; fi" ]; }}')
    root = workdir / "root"
    cmd = [sys.executable, "-m", "nixlite", "build", "--no-out-link", "--no-sandbox", "--root", str(root)]
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    for _ in range(600):
        if started.exists():
            break
        time.sleep(0.05)
    assert started.exists()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert nixlite("store", "verify", cwd=workdir, root=root).returncode == 0
    store_files = os.listdir(root / "store")
    out_name = next(n for n in store_files if n.endswith("-slow"))
    listed = nixlite("store", "path-info", f"/nix/store/{out_name}", cwd=workdir, root=root)
    assert listed.returncode == 1 and "is not valid" in listed.stderr
    rerun = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    assert rerun.returncode == 0, rerun.stderr
    assert (root / "store" / out_name).read_text() == "full\n"
    assert nixlite("store", "verify", cwd=workdir, root=root).returncode == 0


def test_sandboxed_build_sees_only_its_input_closure(workdir):
    secret = workdir / "secret"
    secret.write_text("host file")
    write(workdir, MK + 'let dep = mk { name = "dep"; args = [ "-c" "echo dep > $out" ]; }; '
          'other = mk { name = "other"; args = [ "-c" "echo other > $out" ]; }; in {'
          ' inherit other; look = mk { name = "look"; inherit dep; args = [ "-c" '
          f'"ls /nix/store > $out; echo $PWD $TMPDIR $NIX_BUILD_TOP >> $out; cat /etc/hosts >> $out; '
          f'echo t > /tmp/t && cat /tmp/t >> $out; hostname >> $out; '
          f'cat {secret} >> $out 2>&1 || echo no-host-files >> $out; cat $dep >> $out" ]; }}; }}')
    root = workdir / "root"
    other = nixlite("build", "-A", "other", "--no-out-link", cwd=workdir, root=root, sandbox=True)
    assert other.returncode == 0, other.stderr
    look = nixlite("build", "-A", "look", cwd=workdir, root=root, sandbox=True)
    assert look.returncode == 0, look.stderr
    lines = (workdir / "result").read_text().splitlines()
    (out,) = look.stdout.split()
    store_listing = sorted(line for line in lines if line.endswith(("-dep", "-look", "-other")))
    assert sorted(n.split("-", 1)[1] for n in store_listing) == ["dep", "look"]  # not "other"
    assert out.rsplit("/", 1)[1] in store_listing
    assert "/build /build /build" in lines
    assert "127.0.0.1 localhost" in lines and "t" in lines and "localhost" in lines
    assert "no-host-files" in lines and "host file" not in lines
    assert lines[-1] == "dep"
    for slot in (root / "var" / "nixlite" / "chroots").iterdir():   # kept for the next build, empty
        assert not any(os.listdir(slot / part) for part in ("root", "store", "tmp"))
    assert nixlite("store", "verify", cwd=workdir, root=root).returncode == 0


def test_a_sandboxed_build_cannot_change_its_inputs(workdir):
    write(workdir, MK + 'let dep = mk { name = "dep"; args = [ "-c" "mkdir $out; echo dep > $out/f" ]; }; in '
          'mk { name = "writer"; inherit dep; args = [ "-c" '
          '"echo changed > $dep/f; echo new > $dep/g; mkdir $out; cp -r $dep $out/seen; '
          'grep \\" $dep \\" /proc/self/mountinfo > $out/mount; exit 0" ]; }')
    root = workdir / "root"
    built = nixlite("build", "-o", "res", cwd=workdir, root=root, sandbox=True)
    assert built.returncode == 0, built.stderr
    assert sorted(os.listdir(workdir / "res" / "seen")) == ["f"]
    assert (workdir / "res" / "seen" / "f").read_text() == "dep\n"
    mount = (workdir / "res" / "mount").read_text().split()
    assert "ro" in mount[5].split(",")   # the mount's own options
    drv = nixlite("instantiate", cwd=workdir, root=root).stdout.strip()
    log = nixlite("log", drv, cwd=workdir, root=root).stdout
    assert log.count("Read-only file system") == 2, log


def test_sandbox_has_no_network_but_fixed_outputs_and_no_chroot_do(workdir):
    # The sandbox's network namespace has only lo; __noChroot builds see the host.
    write(workdir, MK + '{ closed = mk { name = "closed"; args = [ "-c" '
          '"if ping -c1 -W1 192.0.2.1 >/dev/null 2>&1 || wget -q -T 1 -O /dev/null http://192.0.2.1; '
          'then echo open; else echo closed; fi > $out; ip link 2>/dev/null | grep -c \\": \\" >> $out" ]; };'
          f' host = mk {{ name = "host"; __noChroot = true; args = [ "-c" "/bin/cat {workdir}/flag > $out" ]; }}; }}')
    (workdir / "flag").write_text("from the host\n")
    root = workdir / "root"
    closed = nixlite("build", "-A", "closed", "-o", "closed", cwd=workdir, root=root, sandbox=True)
    assert closed.returncode == 0, closed.stderr
    text = (workdir / "closed").read_text().split()
    assert text[0] == "closed" and text[1] == "1"   # only lo
    host = nixlite("build", "-A", "host", "-o", "host", cwd=workdir, root=root, sandbox=True)
    assert host.returncode == 0, host.stderr
    assert (workdir / "host").read_text() == "from the host\n"


def test_sandbox_and_unsandboxed_builds_give_the_same_outputs(workdir):
    write(workdir, MK + BUILDS["text"])
    a = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "a", sandbox=True)
    b = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "b")
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout
    (out,) = a.stdout.split()
    name = out.rsplit("/", 1)[1]
    assert nar_hash_of(workdir / "a" / "store" / name) == nar_hash_of(workdir / "b" / "store" / name)


IFD = MK + '''let
  gen = mk { name = "gen"; args = [ "-c" "echo '{ answer = 6 * 7; }' > $out" ]; };
  note = builtins.toFile "note" "from toFile";
in {
  user = mk { name = "user-${toString (import gen).answer}"; args = [ "-c" "echo ${builtins.readFile note} > $out" ]; };
  values = { a = (import gen).answer; b = builtins.readFile note; c = builtins.pathExists "${gen}"; };
}'''


@pytest.mark.oracle
@pytest.mark.parametrize("sandbox", [False, True], ids=["no-sandbox", "sandbox"])
def test_import_from_derivation_builds_first_as_nix_does(workdir, sandbox):
    write(workdir, IFD)
    mine = nixlite("build", "-A", "user", cwd=workdir, root=workdir / "root", sandbox=sandbox)
    assert mine.returncode == 0, mine.stderr
    assert "gen.drv'..." in mine.stderr
    (nix_out,) = nix_build(workdir, "default.nix", "-A", "user")
    assert mine.stdout.split() == [nix_out]
    assert (workdir / "result").read_text() == "from toFile\n"


@pytest.mark.oracle
def test_read_write_eval_builds_what_it_reads_as_nix_does(workdir):
    write(workdir, IFD)
    mine = nixlite("eval", "--strict", "--read-write-mode", "-A", "values", cwd=workdir, root=workdir / "root")
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    nix = subprocess.run(["nix-instantiate", "--eval", "--strict", "--read-write-mode", "-A", "values",
                          "default.nix", *NIX_BUILD_OPTIONS], cwd=workdir, env=env, capture_output=True, text=True)
    assert nix.returncode == mine.returncode == 0, (nix.stderr, mine.stderr)
    assert mine.stdout == nix.stdout
    assert nixlite("store", "verify", cwd=workdir, root=workdir / "root").returncode == 0


@pytest.mark.parametrize("sandbox", [False, True], ids=["no-sandbox", "sandbox"])
def test_fixed_outputs_see_their_impure_env_vars(workdir, sandbox):
    # "content\n" has the declared hash; the builder writes it only when it sees the variable.
    write(workdir, MK + 'mk { name = "impure"; impureEnvVars = [ "NIXLITE_TEST_MIRROR" ]; '
          'outputHash = "sha256-Q0copBCnj1b8G1iZw1k0NuYasMcx6QctleltspAgXlM="; '
          'args = [ "-c" "if [ \\"$NIXLITE_TEST_MIRROR\\" = on ]; then echo content; else echo other; fi > $out" ]; }')
    root = workdir / "root"
    cmd = ["build", "--no-out-link", *([] if sandbox else ["--no-sandbox"]), "--root", str(root)]
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    without = subprocess.run([sys.executable, "-m", "nixlite", *cmd], cwd=workdir, env=env,
                             capture_output=True, text=True)
    assert without.returncode == 102 and "hash mismatch" in without.stderr
    with_var = subprocess.run([sys.executable, "-m", "nixlite", *cmd], cwd=workdir, capture_output=True, text=True,
                              env=dict(env, NIXLITE_TEST_MIRROR="on"))
    assert with_var.returncode == 0, with_var.stderr


@pytest.mark.parametrize("sandbox,sleep", [(True, "sleep"), (False, "/bin/sleep")], ids=["sandbox", "no-sandbox"])
def test_killing_nixlite_kills_its_builder(workdir, sandbox, sleep):
    marker = f"{sleep} 30.{os.getpid()}{int(sandbox)}"
    write(workdir, MK + f'mk {{ name = "long"; args = [ "-c" "{marker}; echo > $out" ]; }}')
    root = workdir / "root"
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.Popen([sys.executable, "-m", "nixlite", "build", "--no-out-link", "--root", str(root),
                             *([] if sandbox else ["--no-sandbox"])], cwd=workdir, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sleepers = []
    for _ in range(600):
        sleepers = _processes(marker)
        if sleepers:
            break
        time.sleep(0.05)
    assert sleepers, "the builder did not start"
    proc.send_signal(signal.SIGKILL)   # the nixlite process alone
    proc.wait()
    for _ in range(100):
        if not set(_processes(marker)) & set(sleepers):
            break
        time.sleep(0.05)
    assert not set(_processes(marker)) & set(sleepers)


def _processes(command_line):
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if f.read().replace(b"\0", b" ").strip() == command_line.encode():
                        found.append(pid)
            except OSError:
                pass
    return found


def test_a_sandboxed_builder_exit_status_is_its_own(workdir):
    write(workdir, MK + 'mk { name = "status"; args = [ "-c" "echo about to fail; exit 111" ]; }')
    result = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root", sandbox=True)
    assert result.returncode == 100
    assert "failed with exit code 111" in result.stderr and "> about to fail" in result.stderr


def test_gc_waits_for_a_build_under_way(workdir):
    started = workdir / "started"
    write(workdir, MK + f'mk {{ name = "slow-gc"; args = [ "-c" "echo > {started}; /bin/sleep 1; echo done > $out" ]; }}')
    root = workdir / "root"
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    build = subprocess.Popen([sys.executable, "-m", "nixlite", "build", "--no-sandbox", "--root", str(root)],
                             cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if started.exists():
            break
        time.sleep(0.05)
    assert started.exists()
    gc = nixlite("gc", cwd=workdir, root=root)
    out, err = build.communicate(timeout=120)
    assert build.returncode == 0, err
    assert gc.returncode == 0 and gc.stdout.startswith("0 store paths deleted")
    assert (workdir / "result").read_text() == "done\n"
    assert nixlite("store", "verify", cwd=workdir, root=root).returncode == 0


@pytest.mark.oracle
def test_plain_progress_and_gc_summary_are_nix_lines(workdir):
    # A new derivation each run, so that Nix really builds it and says so.
    write(workdir, MK + f'mk {{ name = "said"; salt = "{os.getpid()}-{time.time()}"; '
          'args = [ "-c" "echo > $out" ]; }')
    root = workdir / "root"
    mine = nixlite("build", "--no-out-link", cwd=workdir, root=root)
    nix = run_nix_build(workdir, "default.nix")
    assert mine.returncode == nix.returncode == 0, (mine.stderr, nix.stderr)
    nix_line = next(line for line in nix.stderr.splitlines() if line.startswith("building '"))
    assert mine.stderr.splitlines() == [nix_line]
    # One small unrooted path each, collected.
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    nix_store = workdir / "nix-store"
    subprocess.run(["nix-instantiate", "--store", str(nix_store), "--eval", "--read-write-mode", "-E",
                    'builtins.toFile "x" "y"'], env=env, capture_output=True, check=True)
    nix_gc = subprocess.run(["nix-store", "--store", str(nix_store), "--gc"], env=env, capture_output=True,
                            text=True, check=True)
    gc_root = workdir / "gc-root"
    assert nixlite("eval", "--read-write-mode", "-E", 'builtins.readFile (builtins.toFile "x" "y")',
                   cwd=workdir, root=gc_root).returncode == 0
    mine_gc = nixlite("gc", cwd=workdir, root=gc_root)
    assert mine_gc.stdout == nix_gc.stdout



@pytest.mark.oracle
def test_builders_start_with_the_signal_dispositions_nix_gives(workdir):
    # An ignored signal stays ignored across exec (Python ignores SIGPIPE
    # and SIGXFSZ); a program the builder starts shows what it inherited.
    write(workdir, MK + 'mk { name = "signals"; args = [ "-c" '
          '"/bin/sh -c \\"/bin/cat /proc/self/status\\" | /bin/grep -E \'^Sig(Ign|Blk)\' > $out" ]; }')
    mine = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    assert mine.returncode == 0, mine.stderr
    (nix_out,) = nix_build(workdir, "default.nix")
    (out,) = mine.stdout.split()
    assert (workdir / "root" / "store" / out.rsplit("/", 1)[1]).read_text() == open(nix_out).read()


def test_sandboxed_builders_do_not_inherit_ignored_signals(workdir):
    # (The sandbox has only its shell, which reads its own status.)
    write(workdir, MK + 'mk { name = "signals"; args = [ "-c" '
          '"while read -r k v; do case $k in SigIgn:) echo $v;; esac; done < /proc/self/status > $out" ]; }')
    mine = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root", sandbox=True)
    assert mine.returncode == 0, mine.stderr
    (out,) = mine.stdout.split()
    ignored = int((workdir / "root" / "store" / out.rsplit("/", 1)[1]).read_text(), 16)
    for number in (signal.SIGPIPE, signal.SIGXFSZ):
        assert not ignored & (1 << (number - 1)), number
