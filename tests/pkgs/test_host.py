"""The host packages (nixlite/pkgs/host): Debian packages of this machine
copied into the store and made to run from a root that holds only their
closure. Real Nix instantiates and builds them to the same paths and bytes."""

import os
import shutil
import subprocess
import sys

import pytest

from conformance import HOME, NIX_BUILD_OPTIONS, ROOT

pytestmark = pytest.mark.slow

PKGS = ROOT / "nixlite" / "pkgs"

ATTRS = [
    "glibc", "bash", "bashInteractive", "coreutils", "findutils", "diffutils", "gnugrep", "gnused", "gawk",
    "gnutar", "gzip", "bzip2", "xz", "gnumake", "patch", "pigz", "jq", "jshon", "rsync", "moreutils",
    "util-linux", "e2fsprogs", "shadow", "fakeroot", "fakechroot", "skopeo", "cacert", "python3", "perl",
    "hello", "redis", "nginx", "nix",
]

# What the closure test builds, and what the other tests reuse.
BUILT = ["bash", "coreutils", "jq", "python3", "fakeroot"]


def env():
    return dict(os.environ, HOME=HOME, NIX_PATH="")


def nixlite(*args, root, cwd=ROOT, timeout=600):
    return subprocess.run([sys.executable, "-m", "nixlite", *map(str, args), "--root", str(root)], cwd=cwd,
                          env=env(), capture_output=True, text=True, timeout=timeout)


def nar_hash_of(path):
    from nixlite.store.nar import nar_hash
    return nar_hash(os.fsencode(path))[0].hex()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A nixlite root with BUILT in it: {attr: store path}."""
    root = tmp_path_factory.mktemp("host") / "root"
    args = [a for attr in BUILT for a in ("-A", attr)]
    proc = nixlite("build", PKGS, *args, "--no-out-link", root=root)
    assert proc.returncode == 0, proc.stderr
    return root, dict(zip(BUILT, proc.stdout.split()))


@pytest.mark.oracle
def test_every_package_instantiates_as_with_nix(tmp_path):
    args = [a for attr in ATTRS for a in ("-A", attr)]
    mine = nixlite("instantiate", PKGS, *args, root=tmp_path / "root")
    assert mine.returncode == 0, mine.stderr
    nix = subprocess.run(["nix-instantiate", str(PKGS), *args], env=env(), capture_output=True, text=True,
                         timeout=300)
    assert nix.returncode == 0, nix.stderr
    assert mine.stdout.split() == nix.stdout.split()
    assert len(set(mine.stdout.split())) == len(ATTRS) - 1  # bashInteractive is bash


@pytest.mark.skipif(os.geteuid() != 0, reason="chroot needs root")
def test_closure_runs_in_a_root_that_holds_nothing_else(built, tmp_path):
    root, outs = built
    closure = nixlite("store", "path-info", "-r", *(outs[a] for a in ("bash", "coreutils", "jq", "python3")),
                      root=root)
    assert closure.returncode == 0, closure.stderr
    chroot = tmp_path / "chroot"
    (chroot / "nix" / "store").mkdir(parents=True)
    for path in closure.stdout.split():
        name = os.path.basename(path)
        shutil.copytree(root / "store" / name, chroot / "nix" / "store" / name, symlinks=True)
    assert sorted(os.listdir(chroot)) == ["nix"]
    script = f"""
        set -e
        echo "bash $BASH_VERSION"
        {outs['coreutils']}/bin/ls /nix/store | {outs['coreutils']}/bin/wc -l
        echo '{{"a": [1, 2]}}' | {outs['jq']}/bin/jq -c .a
        {outs['python3']}/bin/python3 -c 'import json, sys; print(json.dumps(sys.prefix))'
        {outs['bash']}/bin/sh -c 'echo sh works'
    """
    chroot_command = shutil.which("chroot", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    proc = subprocess.run([chroot_command, str(chroot), f"{outs['bash']}/bin/bash", "-c", script],
                          env={"PATH": "/no-such-dir"}, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("bash 5.")
    assert int(lines[1]) == len(closure.stdout.split())
    assert lines[2:] == ["[1,2]", f'"{outs["python3"]}"', "sh works"]


@pytest.mark.oracle
def test_nix_build_gives_the_same_outputs(built):
    root, outs = built
    proc = subprocess.run(["nix-build", str(PKGS), "-A", "bash", "-A", "jq", "--no-out-link", *NIX_BUILD_OPTIONS],
                          env=env(), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [outs["bash"], outs["jq"]]
    for path in proc.stdout.split():
        assert nar_hash_of(path) == nar_hash_of(root / "store" / os.path.basename(path))


@pytest.mark.oracle
def test_a_debian_package_that_is_not_installed_is_a_clear_error(tmp_path):
    expr = (f'(import {PKGS} {{ }}).hostPackage {{ name = "x"; debs = [ "bash" "definitely-not-installed" ]; }}')
    message = ("host package 'x' is not installed (Debian package definitely-not-installed); "
               "run: apt-get install definitely-not-installed")
    mine = nixlite("instantiate", "-E", expr, root=tmp_path / "root")
    nix = subprocess.run(["nix-instantiate", "-E", expr], env=env(), capture_output=True, text=True, timeout=120)
    assert mine.returncode == 1 and nix.returncode == 1
    assert message in mine.stderr and message in nix.stderr
    # Listing the set, or a package's meta, does not need the package.
    listing = nixlite("eval", "-E", f'with import {PKGS} {{ }}; [ (builtins.length (builtins.attrNames '
                      f'(hostPackage {{ name = "y"; debs = [ "definitely-not-installed" ]; }}))) ]',
                      root=tmp_path / "root")
    assert listing.returncode == 0, listing.stderr


def test_fakeroot_works_in_a_sandboxed_build(built, tmp_path):
    root, outs = built
    (tmp_path / "default.nix").write_text(f"""
        with import {PKGS} {{ }};
        derivation {{
          name = "fakeroot-id"; system = "x86_64-linux"; builder = "${{bash}}/bin/bash";
          args = [ "-c" "${{fakeroot}}/bin/fakeroot ${{coreutils}}/bin/id -u > $out" ];
        }}
    """)
    proc = nixlite("build", "--no-out-link", root=root, cwd=tmp_path)  # sandboxed: the default
    assert proc.returncode == 0, proc.stderr
    (out,) = proc.stdout.split()
    assert (root / "store" / os.path.basename(out)).read_text() == "0\n"
