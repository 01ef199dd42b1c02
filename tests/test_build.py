"""nixlite build: real builds with /bin/sh, against real nix-build where it
counts (environment, output NAR hashes)."""

import os
import subprocess
import sys

import pytest

from conformance import HOME

pytestmark = pytest.mark.slow

MK = 'let mk = attrs: derivation ({ system = "x86_64-linux"; builder = "/bin/sh"; } // attrs); in '


def nixlite(*args, cwd, root):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    return subprocess.run([sys.executable, "-m", "nixlite", *args, "--root", str(root)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def nix_build(path, cwd):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(["nix-build", str(path), "--no-out-link", "--option", "sandbox", "false",
                           "--option", "build-users-group", "", "--option", "substituters", ""], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
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
    (nix_out,) = nix_build(workdir / "default.nix", workdir)
    assert out == nix_out
    mine_env = (workdir / "result").read_text()
    nix_env = open(nix_out).read()

    def without_build_dir(text):
        import re
        return re.sub(r"/tmp/nix-build-env\.drv-\d+", "BUILD", text)
    assert without_build_dir(mine_env) == without_build_dir(nix_env)


BUILDS = {
    "text": 'mk { name = "t"; args = [ "-c" "echo hello > $out" ]; }',
    "dir": 'mk { name = "d"; args = [ "-c" "set -e; /bin/mkdir $out; echo data > $out/file; '
           'echo x > $out/run; /bin/chmod +x $out/run; /bin/ln -s file $out/link" ]; }',
    "multi": 'mk { name = "m"; outputs = [ "out" "dev" ]; args = [ "-c" "echo o > $out; echo d > $dev" ]; }',
    "chain": 'let a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in '
             'mk { name = "b"; args = [ "-c" "read x < ${a}; echo $x-b > $out" ]; }',
    "refers": 'let a = mk { name = "a"; args = [ "-c" "echo a > $out" ]; }; in '
              'mk { name = "r"; args = [ "-c" "echo ${a} > $out" ]; }',
    "diamond": 'let base = mk { name = "base"; args = [ "-c" "echo base > $out" ]; }; '
               'l = mk { name = "l"; args = [ "-c" "read x < ${base}; echo l$x > $out" ]; }; '
               'r = mk { name = "r"; args = [ "-c" "read x < ${base}; echo r$x > $out" ]; }; in '
               'mk { name = "top"; args = [ "-c" "read a < ${l}; read b < ${r}; echo $a$b > $out" ]; }',
    "export-references-graph": 'let dep = mk { name = "dep"; args = [ "-c" "echo dep > $out" ]; }; '
        'top = mk { name = "top"; args = [ "-c" "echo ${dep} > $out" ]; }; in '
        'mk { name = "erg"; builder = "/bin/bash"; exportReferencesGraph = [ "graph" top "g2" dep ]; '
        'args = [ "-c" "echo \\"$(< graph)\\" > $out; echo \\"$(< g2)\\" >> $out" ]; }',
    "structured-attrs": 'let dep = mk { name = "dep"; args = [ "-c" "echo dep > $out" ]; }; in '
        'mk { name = "sa"; builder = "/bin/bash"; __structuredAttrs = true; outputs = [ "out" "dev" ]; '
        'list = [ 1 "a" true ]; nested = { x = 1.5; d = dep; }; exportReferencesGraph = { graph = dep; }; '
        'args = [ "-c" "source .attrs.sh; cp .attrs.json ${builtins.placeholder "out"} 2>/dev/null; '
        'echo \\"$(< .attrs.json)$(< .attrs.sh)\\" > ${builtins.placeholder "out"}; echo dev > ${builtins.placeholder "dev"}" ]; }',
    "pass-as-file": 'mk { name = "paf"; passAsFile = [ "text" ]; text = "line one\\nline two"; '
        'args = [ "-c" "while read -r l; do echo \\"[$l]\\"; done < $textPath > $out" ]; }',
    "fixed": 'mk { name = "f"; outputHash = "sha256-Q0copBCnj1b8G1iZw1k0NuYasMcx6QctleltspAgXlM="; '
             'args = [ "-c" "echo content > $out" ]; }',
}


@pytest.mark.oracle
@pytest.mark.parametrize("name", sorted(BUILDS))
def test_outputs_match_nix_build(workdir, name):
    write(workdir, MK + BUILDS[name])
    mine = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    assert mine.returncode == 0, mine.stderr
    nix_outs = nix_build(workdir / "default.nix", workdir)
    assert mine.stdout.split() == nix_outs
    for path in nix_outs:
        physical = workdir / "root" / "store" / path.rsplit("/", 1)[1]
        assert nar_hash_of(physical) == nar_hash_of(path)


@pytest.mark.oracle
def test_output_cycle_is_an_error_as_in_nix(workdir):
    path = write(workdir, MK + 'mk { name = "cyc"; outputs = [ "out" "dev" ]; '
                 'args = [ "-c" "echo $dev > $out; echo $out > $dev" ]; }')
    result = nixlite("build", "--no-out-link", cwd=workdir, root=workdir / "root")
    nix = subprocess.run(["nix-build", str(path), "--no-out-link", "--option", "sandbox", "false",
                          "--option", "build-users-group", "", "--option", "substituters", ""],
                         cwd=workdir, capture_output=True, text=True, env=dict(os.environ, HOME=HOME))
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
    nix = subprocess.run(["nix-build", str(path), "--no-out-link", "--option", "sandbox", "false",
                          "--option", "build-users-group", "", "--option", "substituters", ""],
                         cwd=workdir, capture_output=True, text=True,
                         env=dict(os.environ, HOME=HOME))
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
