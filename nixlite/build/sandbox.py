"""The sandbox a build runs in by default, as Nix's `sandbox = true`.

A build sees its input closure (read-only, at its store paths), a store
directory to write its outputs into, its build directory at /build, a
static shell at /bin/sh, a private /tmp, a small /dev and its own /proc,
and no network unless it is a fixed-output derivation (whose result is
checked against its hash anyway). `__noChroot = true` opts a derivation
out, as in Nix. This module describes the sandbox; `sandbox_exec.py` sets
it up in the child process; `Slots` keeps the directories it is made in.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys

from nixlite.build import sandbox_exec
from nixlite.build.environment import is_fixed_output
from nixlite.build.spares import Spares
from nixlite.diagnostics import NixError
from nixlite.store.store import _remove

SANDBOX_BUILD_DIR = "/build"
SHELLS = ("/bin/busybox", "/usr/bin/busybox")

# What Nix writes into its sandboxes (uid 1000 / gid 100: its build user).
ETC = {
    "passwd": "root:x:0:0:Nix build user:/build:/noshell\n"
              "nixbld:x:1000:100:Nix build user:/build:/noshell\n"
              "nobody:x:65534:65534:Nobody:/:/noshell\n",
    "group": "root:x:0:\nnixbld:!:100:\nnogroup:x:65534:\n",
}
HOSTS = "127.0.0.1 localhost\n::1 localhost\n"
NETWORK_FILES = ("/etc/resolv.conf", "/etc/services", "/etc/hosts")


def static_shell():
    for path in SHELLS:
        if os.path.exists(path):
            return path
    found = shutil.which("busybox")
    if found:
        return found
    raise NixError("sandboxed builds need a static shell for /bin/sh: install busybox-static "
                   "(apt-get install busybox-static), or build with --no-sandbox")


class Slots:
    """The directories sandboxes are made in, kept and reused by this
    process (creating and deleting directories is what costs most on a
    disk file system, see spares.py). A slot holds `root`, where the
    sandbox mounts a tmpfs for its skeleton, and `store` and `tmp`, on the
    store's file system and emptied after each build; `store` becomes the
    sandbox's store directory, holding the inputs' mount points and the
    outputs the builder makes, which move into the store by a rename. Each
    slot is flock'ed by the process using it; a slot left by a killed
    process is emptied by the next one to take it."""

    def __init__(self):
        self.free = {}     # chroots directory -> slots this process holds, unused
        self.spares = {}   # slot -> its pool of empty directories

    def take(self, store):
        directory = os.path.join(store.root, "var", "nixlite", "chroots")
        free = self.free.setdefault(directory, [])
        if free:
            return free.pop()
        os.makedirs(directory, exist_ok=True)
        number = 0
        while True:
            slot = os.path.join(directory, f"slot-{number}")
            os.makedirs(slot, exist_ok=True)
            fd = os.open(slot, os.O_RDONLY | os.O_DIRECTORY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                os.close(fd)
                number += 1
        # The descriptor stays open (and the slot locked) while the process lives.
        self.spares[slot] = Spares(os.path.join(slot, "spares"))
        for part, mode in (("root", 0o755), ("store", 0o1775), ("tmp", 0o1777)):
            path = os.path.join(slot, part)
            if os.path.isdir(path) and not os.path.islink(path):
                self._empty(slot, path)
            else:
                if os.path.lexists(path):
                    _remove(path)
                os.mkdir(path)
            os.chmod(path, mode)
        return slot

    def mount_points(self, slot, inputs):
        """Where the sandbox binds its inputs, in the slot's store."""
        spares = self.spares[slot]
        for physical, logical in inputs:
            target = os.path.join(slot, "store", logical.rsplit("/", 1)[1])
            if os.path.isdir(physical) and not os.path.islink(physical):
                spares.make(target, 0o755)
            else:
                spares.make_file(target)

    def give_back(self, slot):
        """Empty the slot's store and tmp, for the next build."""
        self._empty(slot, os.path.join(slot, "store"))
        self._empty(slot, os.path.join(slot, "tmp"))
        self.free[os.path.dirname(slot)].append(slot)

    def _empty(self, slot, path):
        spares = self.spares[slot]
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    spares.drop(entry.path)
                else:
                    spares.drop_file(entry.path)


SLOTS = Slots()


class SandboxServer:
    """The sandbox_exec server of this process, started on first use.

    Builds are submitted as one JSON line each; the caller waits on
    `fileno()` (select) and reads the exit statuses with `results()`, so one
    thread drives any number of builds."""

    def __init__(self):
        self.proc = None
        self.waiting = set()
        self.next_id = 0
        self.pending = b""

    def start(self):
        """Start the server now, if it is not running (it takes a few
        hundredths of a second to start, which nixlite can spend
        evaluating); it must be started in the build namespace."""
        if self.proc is None:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", sandbox_exec.__file__],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            os.set_blocking(self.proc.stdout.fileno(), False)

    def submit(self, spec):
        """Start the build `spec` describes; returns its id."""
        self.start()
        self.next_id += 1
        ident = self.next_id
        self.waiting.add(ident)
        try:
            self.proc.stdin.write(b"%d %s\n" % (ident, json.dumps(spec).encode()))
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass   # the server died: results() reports it
        return ident

    def fileno(self):
        return self.proc.stdout.fileno()

    def results(self):
        """[(id, exit status)] of the builds that ended since the last call."""
        ended = []
        try:
            data = os.read(self.fileno(), 65536)
        except BlockingIOError:
            return ended
        if not data:   # the server died: its builds cannot have succeeded
            ended = [(ident, sandbox_exec.SETUP_FAILED) for ident in sorted(self.waiting)]
            self.waiting.clear()
            self.proc = None
            return ended
        self.pending += data
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            ident, status = map(int, line.split())
            self.waiting.discard(ident)
            ended.append((ident, status))
        return ended


SERVER = SandboxServer()


def sandbox_spec(store, drv, slot, build_dir, input_closure, env, args, log_path):
    """What the server needs to run the builder in its sandbox."""
    network = is_fixed_output(drv)
    etc = dict(ETC)
    if not network:
        etc["hosts"] = HOSTS
    inputs = [[store.physical_path(p), p] for p in sorted(input_closure)]
    SLOTS.mount_points(slot, inputs)
    return {
        "slot": slot,
        "store_dir": store.store_dir,
        "inputs": inputs,
        "build_dir": build_dir,
        "shell": static_shell(),
        "network": network,
        "host_files": list(NETWORK_FILES) if network else [],
        "etc": etc,
        "env": env,
        "builder": drv.builder,
        "args": args,
        "log": log_path,
        "sandbox": True,
    }


def plain_spec(drv, build_dir, env, args, log_path):
    """What the server needs to run the builder against the host's file
    system (still started by the server, so that it dies with nixlite)."""
    return {"sandbox": False, "network": True, "build_dir": build_dir, "env": env, "builder": drv.builder,
            "args": args, "log": log_path}


def collect_outputs(store, drv, slot):
    """Move the outputs the builder made into the store."""
    for out in drv.outputs.values():
        made = os.path.join(slot, "store", out.path.rsplit("/", 1)[1])
        if os.path.lexists(made):
            os.rename(made, store.physical_path(out.path))
