"""vmTools (nixlite/pkgs/vm): runInLinuxVM without a hypervisor.

A build "in the VM" makes an ext4 file system on /dev/vda (the disk image
createEmptyImage makes, on a loop device), mounts it, mounts an overlay on
it, writes through the overlay, chroots into it as dockerTools' runAsRoot
does, and writes what it saw to $out. nixlite builds it (unsandboxed and
sandboxed: `__noChroot` applies either way) and real nix-build builds it to
the same bytes. Nothing may outlive a build, failed or killed: no loop
device left attached, no mount, nothing new in the host's /dev. Without root
the builder must say that it needs root."""

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from conformance import HOME, NIX_BUILD_OPTIONS, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0, reason="runInLinuxVM builds need root"),
]

PKGS = ROOT / "nixlite" / "pkgs"
VM = PKGS / "vm"

# @PKGS@: the package set, by a path relative to the test's directory.
# `nonce` changes the derivations, so that real Nix builds them afresh.
TEST_NIX = r'''
{ nonce ? "" }:
let
  pkgs = import @PKGS@ { };
  inherit (pkgs) vmTools runCommand util-linux e2fsprogs bash coreutils;
  vm = name: attrs: script: vmTools.runInLinuxVM (runCommand name ({
    inherit nonce;
    nativeBuildInputs = [ util-linux e2fsprogs ];
  } // attrs) script);
  overlaySteps = ''
    mkfs.ext4 -q /dev/${vmTools.hd}
    mkdir disk
    mount /dev/${vmTools.hd} disk
    mkdir disk/lower disk/upper disk/work disk/mnt
    echo from-lower > disk/lower/kept
    echo to-change > disk/lower/changed
    echo to-remove > disk/lower/removed
    mount -t overlay overlay -o lowerdir=disk/lower,upperdir=disk/upper,workdir=disk/work disk/mnt
  '';
in
{
  overlay = vm "vmtest-overlay" {
    preVM = vmTools.createEmptyImage { size = 64; fullName = "t"; };
    memSize = 256;
    # After the "VM", in the build's own namespace: nothing may be left.
    postVM = ''
      stat -c %s "$diskImage" > $out/disk-size
      if [ -n "$(losetup -j "$diskImage")" ]; then
        echo "a loop device is still attached to $diskImage" >&2
        exit 1
      fi
      if grep -e vm-dev -e vm-tmp -e vm-run -e vm-shm -e vm-pts -e "$NIX_BUILD_TOP" /proc/self/mountinfo >&2; then
        echo "mounts of the build are left" >&2
        exit 1
      fi
      rm "$diskImage"
      echo clean > $out/post-vm
    '';
  } ''
    # What the "VM" looks like.
    [ -d "$out" ] && echo out-exists > $out/machine
    stat -c '%F %t' /dev/vda >> $out/machine
    stat -f -c %T /dev >> $out/machine
    tr '\0' ' ' < /proc/1/cmdline | grep -o 'vm-stage2' >> $out/machine
    uname -n >> $out/machine
    echo "$PWD $TMPDIR $NIX_BUILD_TOP" >> $out/machine
    [ -d /tmp/xchg ] && echo xchg >> $out/machine
    touch /dev/vmtest-marker

    ${overlaySteps}
    echo written > disk/mnt/new
    echo changed > disk/mnt/changed
    rm disk/mnt/removed
    [ "$(cat disk/mnt/kept)" = from-lower ]

    # A root of its own in the overlay, as dockerTools' runAsRoot gets it.
    mkdir -p disk/mnt/proc disk/mnt/dev disk/mnt/nix/store
    mount --rbind /dev disk/mnt/dev
    mount --rbind /nix/store disk/mnt/nix/store
    unshare -imnpuf --mount-proc ${bash}/bin/bash -c \
      'mount --rbind /proc disk/mnt/proc && chroot disk/mnt ${bash}/bin/bash -c "echo chrooted \$\$ > /from-chroot; ${coreutils}/bin/ls /dev/vda > /seen-vda"'
    umount -R disk/mnt/dev disk/mnt/nix/store
    umount disk/mnt

    cd disk
    cat upper/new upper/changed upper/from-chroot upper/seen-vda > $out/upper
    stat -c '%F %t:%T' upper/removed > $out/whiteout
    ls upper > $out/upper-list
    cat lower/kept lower/changed lower/removed > $out/lower
    cd ..
    umount disk
  '';

  failing = vm "vmtest-failing" {
    preVM = vmTools.createEmptyImage { size = 32; fullName = "f"; destination = "./image"; };
  } ''
    ${overlaySteps}
    echo failing on purpose
    exit 7
  '';

  # A store path the build did not make stays as it was, whatever the
  # build writes to it (as the VM's read-only store keeps it).
  tamper = let victim = pkgs.writeText "vmtest-victim" "original\n"; in vm "vmtest-tamper" { } ''
    echo tampered > ${victim} || true
    mkdir -p $out
    cat ${victim} > $out/seen-inside
    echo ${victim} > $out/victim
  '';

  hanging = vm "vmtest-hanging" {
    preVM = vmTools.createEmptyImage { size = 32; fullName = "h"; destination = "./image"; };
  } ''
    ${overlaySteps}
    echo hanging
    sleep 600
  '';
}
'''

EXPECTED = {
    "machine": "out-exists\nblock special file 7\ntmpfs\nvm-stage2\nlocalhost\n/tmp /tmp /tmp\nxchg\n",
    "upper": "written\nchanged\nchrooted 1\n/dev/vda\n",
    "whiteout": "character special file 0:0\n",
    "upper-list": "changed\ndev\nfrom-chroot\nnew\nnix\nproc\nremoved\nseen-vda\n",
    "lower": "from-lower\nto-change\nto-remove\n",
    "nix-support/full-name": "t\n",
    "disk-size": f"{64 * 1024 * 1024}\n",
    "post-vm": "clean\n",
}


def env():
    return dict(os.environ, HOME=HOME, NIX_PATH="")


def nixlite(*args, root, cwd, sandbox, timeout=900):
    args = [*map(str, args), "--root", str(root)] + ([] if sandbox else ["--no-sandbox"])
    return subprocess.run([sys.executable, "-m", "nixlite", *args], cwd=cwd, env=env(), capture_output=True,
                          text=True, timeout=timeout)


def nix_build(cwd, *args):
    return subprocess.run(["nix-build", *map(str, args), "--no-out-link", *NIX_BUILD_OPTIONS], cwd=cwd, env=env(),
                          capture_output=True, text=True, timeout=900)


def nar_hash_of(path):
    from nixlite.store.nar import nar_hash
    return nar_hash(os.fsencode(path))[0].hex()


@pytest.fixture
def workdir(tmp_path):
    relative = os.path.relpath(PKGS, tmp_path)
    (tmp_path / "default.nix").write_text(TEST_NIX.replace("@PKGS@", relative))
    return tmp_path


def loop_lines(name):
    """The attached loop devices whose backing file has `name` in its path."""
    out = subprocess.run(["losetup", "-a"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if name in line]


def mounts():
    with open("/proc/self/mountinfo") as f:
        return {tuple(line.split()[3:5]) + tuple(line.split(" - ")[1].split()[:2]) for line in f}


def dev_entries():
    return {e for e in os.listdir("/dev") if not re.fullmatch(r"loop\d+", e)}


class HostState:
    """What a build must not change on the host."""

    def __init__(self):
        self.mounts = mounts()
        self.dev = dev_entries()

    def check(self, name):
        assert loop_lines(name) == []
        assert mounts() - self.mounts == set()
        assert dev_entries() - self.dev == set()
        assert not os.path.lexists("/dev/vmtest-marker")


def check_overlay_output(out):
    for name, text in EXPECTED.items():
        assert (out / name).read_text() == text, name
    assert not (out / "disk-image.img").exists()


@pytest.mark.parametrize("sandbox", [False, True], ids=["no-sandbox", "sandbox"])
def test_overlay_build(workdir, sandbox):
    host = HostState()
    result = nixlite("build", "default.nix", "-A", "overlay", "--no-out-link", root=workdir / "root", cwd=workdir,
                     sandbox=sandbox)
    assert result.returncode == 0, result.stderr[-4000:]
    (out,) = result.stdout.split()
    check_overlay_output(workdir / "root" / "store" / out.removeprefix("/nix/store/"))
    host.check("vmtest-overlay")


@pytest.mark.oracle
def test_same_output_as_nix_build(workdir):
    host = HostState()
    nonce = uuid.uuid4().hex
    mine = nixlite("build", "default.nix", "-A", "overlay", "--argstr", "nonce", nonce, "--no-out-link",
                   root=workdir / "root", cwd=workdir, sandbox=False)
    assert mine.returncode == 0, mine.stderr[-4000:]
    (out,) = mine.stdout.split()
    nix = nix_build(workdir, "default.nix", "-A", "overlay", "--argstr", "nonce", nonce)
    assert nix.returncode == 0, nix.stderr[-4000:]
    assert nix.stdout.split() == [out]
    host.check("vmtest-overlay")
    physical = workdir / "root" / "store" / out.removeprefix("/nix/store/")
    check_overlay_output(physical)
    check_overlay_output(Path(out))
    assert nar_hash_of(physical) == nar_hash_of(out)


def test_failing_build_leaves_nothing(workdir):
    host = HostState()
    result = nixlite("build", "default.nix", "-A", "failing", "--no-out-link", root=workdir / "root", cwd=workdir,
                     sandbox=False)
    assert result.returncode == 100
    assert "failed with exit code 7" in result.stderr and "failing on purpose" in result.stderr
    host.check("vmtest-failing")


@pytest.mark.oracle
def test_failing_build_leaves_nothing_with_nix_build(workdir):
    host = HostState()
    nix = nix_build(workdir, "default.nix", "-A", "failing", "--argstr", "nonce", uuid.uuid4().hex)
    assert nix.returncode != 0
    assert "exit code 7" in nix.stderr and "failing on purpose" in nix.stderr
    host.check("vmtest-failing")


def test_killed_build_detaches_its_loop_device(workdir):
    """Killing nixlite kills the build: the kernel then detaches the loop
    device (it was marked to be when its last user goes)."""
    host = HostState()
    args = [sys.executable, "-m", "nixlite", "build", "default.nix", "-A", "hanging", "--no-out-link", "--no-sandbox",
            "--root", str(workdir / "root")]
    proc = subprocess.Popen(args, cwd=workdir, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600
        while not loop_lines("vmtest-hanging"):
            assert proc.poll() is None, proc.stderr.read().decode()[-4000:]
            assert time.monotonic() < deadline
            time.sleep(0.2)
        time.sleep(1)   # the build is in its `sleep` now (or close to it)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    deadline = time.monotonic() + 30
    while loop_lines("vmtest-hanging") and time.monotonic() < deadline:
        time.sleep(0.2)
    host.check("vmtest-hanging")
    # nixlite had no time to remove the build directory.
    for leftover in glob.glob("/tmp/nix-build-vmtest-hanging.drv-*"):
        if os.path.isdir(leftover):
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            os.unlink(leftover)


def test_without_root_the_builder_says_it_needs_root():
    """The builder itself, run as nobody the way Nix would run it (its
    environment, a build directory of its own), with the host's tools."""
    tools = "/usr/bin:/bin:/usr/sbin:/sbin"
    setpriv = shutil.which("setpriv", path=tools)
    if setpriv is None:
        pytest.skip("setpriv (util-linux) is needed to run the builder as another user")
    bash = shutil.which("bash", path=tools)
    # Where nobody may go: not under pytest's directories, which only root may enter.
    top = Path(tempfile.mkdtemp(prefix="vmtest-nonroot-", dir="/tmp"))
    try:
        top.chmod(0o755)
        build = top / "build"
        build.mkdir()
        os.chown(build, 65534, 65534)
        out = build / "out"
        environment = {
            "PATH": "/path-not-set", "HOME": "/homeless-shelter", "NIX_BUILD_TOP": str(build), "TMPDIR": str(build),
            "name": "vmtest-nonroot", "out": str(out), "outputs": "out", "origBuilder": bash,
            "preVM": 'mkdir -p $out; diskImage=$PWD/disk.img; truncate -s 8M "$diskImage"',
            "postVM": "touch $out/post-vm",
        }
        result = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bash,
                                 VM / "run-vm.sh", bash, VM / "vm-stage2.sh", tools, "-c", "touch $out/built"],
                                cwd=build, env=environment, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0
        assert "runInLinuxVM needs root: " in result.stderr
        assert "uid 65534" in result.stderr
        assert (build / "disk.img").stat().st_size == 8 * 1024 * 1024   # preVM ran first
        assert not (out / "built").exists() and not (out / "post-vm").exists()
        assert loop_lines(str(build)) == []
    finally:
        shutil.rmtree(top)


def test_the_build_cannot_change_other_store_paths(workdir):
    root = workdir / "root"
    result = nixlite("build", "default.nix", "-A", "tamper", "--no-out-link", root=root, cwd=workdir, sandbox=False)
    assert result.returncode == 0, result.stderr
    out = root / "store" / result.stdout.strip().removeprefix("/nix/store/")
    assert (out / "seen-inside").read_text() == "tampered\n"
    victim = root / "store" / (out / "victim").read_text().strip().removeprefix("/nix/store/")
    assert victim.read_text() == "original\n"
    verify = nixlite("store", "verify", root=root, cwd=workdir, sandbox=True)
    assert verify.returncode == 0, verify.stderr
