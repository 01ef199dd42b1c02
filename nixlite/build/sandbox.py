"""The sandbox a build runs in by default, as Nix's `sandbox = true`.

A build sees its input closure (read-only, at its store paths), a store
directory to write its outputs into, its build directory at /build, a
static shell at /bin/sh, a private /tmp, a small /dev and its own /proc,
and no network unless it is a fixed-output derivation (whose result is
checked against its hash anyway). `__noChroot = true` opts a derivation
out, as in Nix. This module describes the sandbox; `sandbox_exec.py` sets
it up in the child process. The sandbox's root lives next to the store
(same file system), so finished outputs are moved into the store by a
rename.
"""

import json
import os
import shutil
import subprocess
import sys
import threading

from nixlite.build import sandbox_exec
from nixlite.build.environment import is_fixed_output
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


def sandbox_root(store, build_dir):
    directory = os.path.join(store.root, "var", "nixlite", "chroots")
    os.makedirs(directory, exist_ok=True)
    root = os.path.join(directory, os.path.basename(build_dir))
    if os.path.lexists(root):
        _remove(root)
    os.mkdir(root, 0o755)
    return root


class SandboxServer:
    """The sandbox_exec server of this process, started on first use."""

    def __init__(self):
        self.lock = threading.Lock()
        self.proc = None
        self.waiting = {}
        self.next_id = 0

    def run(self, spec_path):
        """Run the build `spec_path` describes; its exit status."""
        done = threading.Event()
        with self.lock:
            if self.proc is None:
                self.proc = subprocess.Popen([sys.executable, "-I", "-S", sandbox_exec.__file__],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()
            self.next_id += 1
            ident = str(self.next_id)
            self.waiting[ident] = [done, None]
            self.proc.stdin.write(f"{ident} {spec_path}\n".encode())
            self.proc.stdin.flush()
        done.wait()
        return self.waiting.pop(ident)[1]

    def _read(self, proc):
        for line in proc.stdout:
            ident, status = line.decode().split()
            entry = self.waiting[ident]
            entry[1] = int(status)
            entry[0].set()
        for entry in list(self.waiting.values()):   # the server died
            if entry[1] is None:
                entry[1] = sandbox_exec.SETUP_FAILED
                entry[0].set()


SERVER = SandboxServer()


def run_sandboxed(store, drv, chroot, build_dir, input_closure, env, args, log_path):
    """Run the builder in its sandbox; returns its exit status."""
    network = is_fixed_output(drv)
    etc = dict(ETC)
    if not network:
        etc["hosts"] = HOSTS
    spec = {
        "root": chroot,
        "store_dir": store.store_dir,
        "inputs": [[store.physical_path(p), p] for p in sorted(input_closure)],
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
    sandbox_exec.prepare_root(spec)
    with open(chroot + ".json", "w") as f:
        json.dump(spec, f)
    return SERVER.run(chroot + ".json")


def run_unsandboxed(drv, build_dir, env, args, log_path):
    """Run the builder against the host's file system (still started by
    the server, so that it dies with nixlite); returns its exit status."""
    spec = {"sandbox": False, "network": True, "build_dir": build_dir, "env": env, "builder": drv.builder,
            "args": args, "log": log_path}
    spec_path = build_dir + ".json"
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    try:
        return SERVER.run(spec_path)
    finally:
        os.unlink(spec_path)


def collect_outputs(store, drv, chroot):
    """Move the outputs the builder made into the store."""
    for out in drv.outputs.values():
        made = chroot + out.path
        if os.path.lexists(made):
            os.rename(made, store.physical_path(out.path))
