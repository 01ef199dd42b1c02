"""Building one derivation: `start` sets the build up (build directory,
environment, sandbox), the sandbox server runs the builder, `finish`
checks and registers what it made.

Builders run in the private mount namespace of the nixlite process
(namespace.py), in which nixlite's store is bind-mounted at the logical
store directory, so the paths in the .drv mean what they say; by default
inside a sandbox (sandbox.py), with `--no-sandbox` or `__noChroot` against
the host's file system (Nix's `sandbox = false`). Output goes to a log
file. When the builder succeeds, each output must exist; a fixed output
must have its declared hash; references are found by scanning, metadata
made canonical, and all outputs registered together. Until then nothing
is valid: a failed or interrupted build leaves only unregistered files,
which the next build of the same path replaces.
"""

import base64
import hashlib
import json
import os
import shutil

from nixlite.build.environment import builder_environment, is_fixed_output
from nixlite.build.sandbox import SANDBOX_BUILD_DIR, SLOTS, collect_outputs, plain_spec, sandbox_spec
from nixlite.build.sandbox_exec import SETUP_FAILED
from nixlite.build.scanner import ReferenceScanner
from nixlite.build.spares import Spares
from nixlite.diagnostics import NixError
from nixlite.hashing import base32
from nixlite.store.nar import dump, nar_hash
from nixlite.store.store import _remove, canonicalise


class BuildError(NixError):
    """A builder that failed, or produced what it should not. `status` is
    the exit status nix-build uses: 100 for a failed build, 102 for a hash
    mismatch of a fixed output."""

    status = 100


BUILD_DIRS = Spares(f"/tmp/nixlite-spares-{os.geteuid()}")


def build_directory(drv_name):
    """A fresh build directory, named as Nix names them."""
    n = 0
    while True:
        path = f"/tmp/nix-build-{drv_name}.drv-{n}"
        try:
            BUILD_DIRS.make(path, 0o700)
            return path
        except FileExistsError:
            n += 1


class Job:
    """A build under way: what was set up for it, so that `finish` can
    collect its outputs and undo the rest."""

    __slots__ = ("store", "drv_path", "drv", "input_closure", "build_dir", "slot", "log_path",
                 "keep_failed", "spec")


def start(store, drv_path, drv, input_closure, cores=1, keep_failed=False, sandbox=True):
    """Set up the build of `drv`; returns the Job, whose `spec` the sandbox
    server runs."""
    job = Job()
    job.store, job.drv_path, job.drv, job.input_closure = store, drv_path, drv, input_closure
    job.keep_failed, job.slot = keep_failed, None
    name = drv_path.rsplit("/", 1)[1][33:-4]
    for out in drv.outputs.values():
        physical = store.physical_path(out.path)
        if os.path.lexists(physical) and not store.is_valid(out.path):
            _remove(physical)  # left by a build that did not finish
    sandboxed = sandbox and drv.env.get("__noChroot") != "1"
    job.build_dir = build_dir = build_directory(name)
    try:
        env, files = builder_environment(drv, SANDBOX_BUILD_DIR if sandboxed else build_dir, cores, store)
        # Output placeholders become the output paths, as Nix rewrites them.
        rewrites = {placeholder(output): out.path for output, out in drv.outputs.items()}
        env = {k: _rewrite(v, rewrites) for k, v in env.items()}
        if is_fixed_output(drv):
            # A fixed output may see these of nixlite's own variables (unset: empty).
            for variable in impure_env_vars(drv):
                env[variable] = os.environ.get(variable, "")
        args = [_rewrite(a, rewrites) for a in drv.args]
        for file_name, contents in files.items():
            with open(os.path.join(build_dir, file_name), "wb") as f:
                f.write(_rewrite(contents, rewrites).encode("latin-1"))
        job.log_path = log_file(store, drv_path)   # (the server writes it)
        if sandboxed:
            job.slot = SLOTS.take(store)
            job.spec = sandbox_spec(store, drv, job.slot, build_dir, input_closure, env, args, job.log_path)
        else:
            job.spec = plain_spec(drv, build_dir, env, args, job.log_path)
    except BaseException:
        abandon(job)
        raise
    return job


def finish(job, status):
    """After the builder exited with `status`: check and register the
    outputs (raising BuildError if the build failed), then clean up."""
    store, drv_path, drv = job.store, job.drv_path, job.drv
    succeeded = False
    try:
        if status == SETUP_FAILED and "nixlite sandbox: " in _log_tail(job.log_path, 5):
            raise BuildError(f"cannot set up the sandbox for '{drv_path}'" + _log_tail(job.log_path, 5))
        if job.slot is not None:
            collect_outputs(store, drv, job.slot)
        if status != 0:
            raise BuildError(f"builder for '{drv_path}' failed with exit code {status}" +
                             _log_tail(job.log_path))
        register_outputs(store, drv_path, drv, job.input_closure)
        succeeded = True
    except BuildError as e:
        if job.keep_failed:
            e.message += f"\nnote: keeping build directory '{job.build_dir}'"
        raise
    finally:
        abandon(job, keep_build_dir=job.keep_failed and not succeeded)


def abandon(job, keep_build_dir=False):
    """Remove what the build set up."""
    if job.slot is not None:
        SLOTS.give_back(job.slot)
        job.slot = None
    if not keep_build_dir:
        try:
            BUILD_DIRS.drop(job.build_dir)
        except OSError:
            shutil.rmtree(job.build_dir, ignore_errors=True)


def impure_env_vars(drv):
    if "__json" in drv.env:
        names = json.loads(drv.env["__json"]).get("impureEnvVars") or []
        return [n for n in names if isinstance(n, str)]
    return drv.env.get("impureEnvVars", "").split()


def placeholder(output):
    return "/" + base32(hashlib.sha256(f"nix-output:{output}".encode()).digest())


def _rewrite(text, rewrites):
    for old, new in rewrites.items():
        if old in text:
            text = text.replace(old, new)
    return text


def register_outputs(store, drv_path, drv, input_closure):
    """Check, scan, make canonical and register all outputs at once."""
    outputs = {name: out for name, out in drv.outputs.items()}
    for name, out in outputs.items():
        if not os.path.lexists(store.physical_path(out.path)):
            raise BuildError(f"builder for '{drv_path}' failed to produce output path for output "
                             f"'{name}' at '{out.path}'")
    candidates = set(input_closure) | {out.path for out in outputs.values()}
    scanned, hashes = {}, {}
    for name, out in outputs.items():
        physical = os.fsencode(store.physical_path(out.path))
        if out.hash:
            check_fixed_output(drv_path, out, physical)
        canonicalise(physical)
        scanner = ReferenceScanner(candidates)
        hashes[name] = nar_hash(physical, also=scanner)
        scanned[name] = scanner.found
    check_no_cycle(drv_path, outputs, scanned)
    with store.batch():
        for name, out in outputs.items():
            digest, size = hashes[name]
            store.register(out.path, "sha256:" + digest.hex(), size, scanned[name], drv_path)


def check_no_cycle(drv_path, outputs, scanned):
    """Outputs may refer to themselves, but not to each other in a cycle.

    A depth-first walk over output names in sorted order, as Nix's
    topological sort does, so the pair reported is the one Nix reports."""
    by_path = {out.path: name for name, out in outputs.items()}
    children = {name: sorted({by_path[ref] for ref in scanned[name] if ref in by_path} - {name})
                for name in outputs}
    visited, parents = set(), set()

    def visit(name, parent):
        if name in parents:
            raise BuildError(f"cycle detected in build of '{drv_path}' in the references of "
                             f"output '{name}' from output '{parent}'")
        if name in visited:
            return
        visited.add(name)
        parents.add(name)
        for child in children[name]:
            visit(child, name)
        parents.discard(name)

    for name in sorted(outputs):
        visit(name, None)


def check_fixed_output(drv_path, out, physical):
    recursive = out.hash_algo.startswith("r:")
    algo = out.hash_algo[2:] if recursive else out.hash_algo
    if recursive:
        h = hashlib.new(algo)
        dump(physical, h.update)
        got = h.digest()
    else:
        with open(physical, "rb") as f:
            got = hashlib.new(algo, f.read()).digest()
    if got.hex() != out.hash:
        wanted = bytes.fromhex(out.hash)
        error = BuildError(
            f"hash mismatch in fixed-output derivation '{drv_path}':\n"
            f"  specified: {sri(algo, wanted)}\n"
            f"     got:    {sri(algo, got)}")
        error.status = 102
        raise error


def sri(algo, digest):
    return f"{algo}-{base64.b64encode(digest).decode()}"


_LOG_DIRS = set()


def log_file(store, drv_path):
    log_dir = os.path.join(store.root, "var", "log", "drvs")
    if log_dir not in _LOG_DIRS:
        os.makedirs(log_dir, exist_ok=True)
        _LOG_DIRS.add(log_dir)
    return os.path.join(log_dir, drv_path.rsplit("/", 1)[1])


def _log_tail(log_path, lines=25):
    try:
        with open(log_path, "rb") as f:
            tail = f.read().decode("latin-1").splitlines()[-lines:]
    except FileNotFoundError:   # a build that wrote nothing
        tail = []
    if not tail:
        return ""
    return "\n       last %d log lines:\n" % len(tail) + "\n".join("       > " + line for line in tail)
