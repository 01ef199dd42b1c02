"""Realising derivations: build what is not valid yet, dependencies first,
independent builds in parallel (up to `jobs`).

A failed build fails its dependants, which are skipped and listed; builds
that do not depend on it go on.
"""

import concurrent.futures

from nixlite.build import locks, namespace
from nixlite.build.builder import BuildError, build, log_file
from nixlite.build.progress import PlainProgress
from nixlite.diagnostics import NixError
from nixlite.store.aterm import parse_derivation
from nixlite.store.builtins import STORE


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
    needed = {p for p, drv in graph.items()
              if not all(store.is_valid(out.path) for out in drv.outputs.values())}
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

    def closure_of_inputs(drv):
        roots = list(drv.input_srcs)
        for dep, outputs in drv.input_drvs.items():
            roots.extend(graph[dep].outputs[o].path for o in outputs)
        return store.closure(roots, references)

    def run(path):
        drv = graph[path]
        with locks.output_locks(store, drv):
            # Another process may have built it while this one waited.
            if all(store.is_valid(out.path) for out in drv.outputs.values()):
                return path
            progress.started(path, log_file(store, path))
            try:
                build(store, path, drv, closure_of_inputs(drv), cores, keep_failed, sandbox)
            except BaseException:
                progress.finished(path, False)
                raise
            progress.finished(path, True)
        return path

    def skip_dependants(path):
        todo = list(dependants[path])
        while todo:
            dependant = todo.pop()
            if dependant not in failed:
                failed[dependant] = "dependency failed"
                todo.extend(dependants[dependant])

    with locks.gc_lock(store, exclusive=False), \
            concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        running = {}
        while ready or running:
            while ready and len(running) < max(1, jobs):
                path = ready.pop()
                running[pool.submit(run, path)] = path
            finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in finished:
                path = running.pop(future)
                try:
                    future.result()
                except BuildError as e:
                    failed[path] = e
                    errors.append(e)
                    skip_dependants(path)
                    continue
                for dependant in dependants[path]:
                    waiting[dependant] -= 1
                    if waiting[dependant] == 0 and dependant not in failed:
                        ready.append(dependant)
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
