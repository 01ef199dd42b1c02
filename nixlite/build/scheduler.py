"""Realising derivations: build what is not valid yet, dependencies first,
independent builds in parallel (up to `jobs`).

A failed build fails its dependants, which are skipped and listed; builds
that do not depend on it go on.
"""

import contextlib
import os
import queue
import select
import threading
import time

from nixlite.build import builder, locks, namespace
from nixlite.build.builder import BuildError, log_file
from nixlite.build.progress import PlainProgress
from nixlite.build.sandbox import SERVER
from nixlite.diagnostics import NixError
from nixlite.store.aterm import parse_derivation
from nixlite.store.builtins import STORE


WRITE_EVERY = 64     # registrations written at once, at most
WRITE_AFTER = 0.25   # seconds a registration waits to be written, at most


def load_derivation(store, drv_path):
    drv = STORE.derivations.get(drv_path)
    if drv is None:
        with open(store.physical_path(drv_path), "rb") as f:
            drv = parse_derivation(f.read().decode("latin-1"), drv_path.rsplit("/", 1)[1][33:-4])
        STORE.derivations[drv_path] = drv
    return drv


def realise(store, drv_paths, jobs=1, cores=1, keep_failed=False, sandbox=True, progress=None):
    """Build the derivations (and what they need); returns {drv: {output: path}}."""
    graph = {}
    todo = list(drv_paths)
    while todo:
        path = todo.pop()
        if path not in graph:
            graph[path] = load_derivation(store, path)
            todo.extend(graph[path].input_drvs)
    valid = store.valid_among(out.path for drv in graph.values() for out in drv.outputs.values())
    needed = {p for p, drv in graph.items() if not all(out.path in valid for out in drv.outputs.values())}
    progress = progress or PlainProgress()
    progress.planned(len(needed))
    if needed:
        try:
            namespace.require(store.physical, store.store_dir)
        except namespace.NamespaceError as e:
            raise BuildError(str(e)) from None
    # How many needed dependencies each build still waits for, and who
    # waits for it: a build is started the moment its count reaches 0.
    waiting = {p: 0 for p in needed}
    dependants = {p: [] for p in needed}
    for path in needed:
        for dep in graph[path].input_drvs:
            if dep in needed:
                waiting[path] += 1
                dependants[dep].append(path)
    ready = sorted((p for p, count in waiting.items() if count == 0), reverse=True)
    failed = {}
    errors = []
    references = {}   # store path -> its references, read once per run
    running = {}      # server id -> (path, job, its output locks)
    slots = max(1, jobs)
    lock_waits = []   # paths waiting for another process's output locks
    got_locks = queue.SimpleQueue()
    wake_r, wake_w = os.pipe()

    def closure_of_inputs(drv):
        roots = list(drv.input_srcs)
        for dep, outputs in drv.input_drvs.items():
            roots.extend(graph[dep].outputs[o].path for o in outputs)
        return store.closure(roots, references)

    def valid(drv):
        # (A path not on disk is not valid: most often, no query at all.)
        return all(os.path.lexists(store.physical_path(out.path)) and store.is_valid(out.path)
                   for out in drv.outputs.values())

    def launch(path, held):
        drv = graph[path]
        if valid(drv):   # another process built it meanwhile
            locks.release(held)
            succeeded(path)
            return
        progress.started(path, log_file(store, path))
        try:
            job = builder.start(store, path, drv, closure_of_inputs(drv), cores, keep_failed, sandbox)
        except BaseException as e:
            locks.release(held)
            progress.finished(path, False)
            if not isinstance(e, BuildError):
                raise
            build_failed(path, e)
            return
        running[SERVER.submit(job.spec)] = (path, job, held)

    def wait_for_locks(path):
        got_locks.put((path, locks.output_locks(store, graph[path])))
        os.write(wake_w, b".")

    def close_pipe():
        if not lock_waits:   # (else a waiting thread may still write to it)
            os.close(wake_r)
            os.close(wake_w)

    def succeeded(path):
        for dependant in dependants[path]:
            waiting[dependant] -= 1
            if waiting[dependant] == 0 and dependant not in failed:
                ready.append(dependant)

    def build_failed(path, error):
        failed[path] = error
        errors.append(error)
        todo = list(dependants[path])
        while todo:
            dependant = todo.pop()
            if dependant not in failed:
                failed[dependant] = "dependency failed"
                todo.extend(dependants[dependant])

    # Registrations are written in batches (one transaction for many
    # builds); until its batch is written a build keeps its output locks,
    # so another process waiting for them then finds the outputs valid.
    unwritten = []    # output locks of builds registered, not yet written
    first_unwritten = [0.0]

    def write_registrations():
        store.flush()
        while unwritten:
            locks.release(unwritten.pop())

    def write_due():
        return unwritten and (not running or len(unwritten) >= WRITE_EVERY
                              or time.monotonic() - first_unwritten[0] >= WRITE_AFTER)

    def fill_slots():
        while ready and len(running) + len(lock_waits) < slots:
            path = ready.pop()
            held = locks.output_locks(store, graph[path], blocking=False)
            if held is None:
                lock_waits.append(path)
                threading.Thread(target=wait_for_locks, args=(path,), daemon=True).start()
            else:
                launch(path, held)

    # One thread drives every build: it starts builders through the
    # sandbox server, sleeps in select until one ends, and registers its
    # outputs; a thread is started only to wait for another process's lock.
    with contextlib.ExitStack() as cleanup:
        cleanup.enter_context(locks.gc_lock(store, exclusive=False))
        cleanup.callback(close_pipe)
        cleanup.callback(lambda: [locks.release(held) for held in unwritten])
        cleanup.enter_context(store.batch())
        while ready or running or lock_waits:
            fill_slots()
            if write_due():
                write_registrations()
            if not running and not lock_waits:
                continue
            timeout = None if not unwritten else max(0.0, first_unwritten[0] + WRITE_AFTER - time.monotonic())
            readable, _, _ = select.select([SERVER, wake_r] if running else [wake_r], [], [], timeout)
            if wake_r in readable:
                os.read(wake_r, 4096)
                while not got_locks.empty():
                    path, held = got_locks.get()
                    lock_waits.remove(path)
                    launch(path, held)
            if running and SERVER in readable:
                ended = [(running.pop(ident), status) for ident, status in SERVER.results()]
                fill_slots()   # before registering what ended: the builders run meanwhile
                for (path, job, held), status in ended:
                    try:
                        builder.finish(job, status)
                    except BuildError as e:
                        locks.release(held)
                        progress.finished(path, False)
                        build_failed(path, e)
                        continue
                    except BaseException:
                        locks.release(held)
                        raise
                    if not unwritten:
                        first_unwritten[0] = time.monotonic()
                    unwritten.append(held)
                    progress.finished(path, True)
                    succeeded(path)
        write_registrations()
    if failed:
        skipped = sorted(p for p, why in failed.items() if not isinstance(why, NixError))
        message = errors[0].message if errors else "build failed"
        if skipped:
            message += "\n" + "\n".join(f"       skipped '{p}': a dependency failed" for p in skipped)
        if len(errors) > 1:
            message += f"\n       ({len(errors)} builds failed)"
        error = BuildError(message)
        error.status = 100 | (errors[0].status if errors else 0)
        raise error
    return {p: {name: out.path for name, out in graph[p].outputs.items()} for p in drv_paths}
