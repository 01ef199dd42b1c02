"""Running deeply recursive work: Nix programs recurse deeply, and so does
an evaluator written as closures.

`run_deep(fn, *args)` runs fn on a thread with a large C stack and a high
recursion limit; recursion deeper still ends in the error Nix gives for it,
never in a Python RecursionError or a crash. It also spaces out the cycle
collector's runs, and enters fn through a frame that reserves a large block
of CPython's frame stack: CPython 3.11+ allocates that stack in chunks and
returns a chunk to the OS as soon as it empties, so recursion that
oscillates across a chunk boundary (as evaluation does all the time) would
otherwise spend more time in mmap/munmap than evaluating.
"""

import gc
import sys
import threading

from nixlite.diagnostics import NixError

STACK_SIZE = 1024 * 1024 * 1024
# Evaluation allocates millions of small, mostly long-lived objects
# (thunks, frames, closures); with Python's default thresholds the cycle
# collector walks them over and over and takes half the time.
GC_THRESHOLDS = (200_000, 20, 100)
RECURSION_LIMIT = 1_000_000
FRAME_STACK_RESERVE = 2_000_000  # slots (8 bytes each) reserved up front


def _enter(fn, args):
    return fn(*args)


_enter.__code__ = _enter.__code__.replace(
    co_stacksize=_enter.__code__.co_stacksize + FRAME_STACK_RESERVE)


def run_deep(fn, *args):
    """fn(*args) on a deep-stack thread; returns its result or re-raises."""
    result = {}

    def target():
        try:
            result["value"] = _enter(fn, args)
        except RecursionError:
            result["error"] = NixError("stack overflow (possible infinite recursion)")
        except BaseException as e:  # handed over to the calling thread
            result["error"] = e

    sys.setrecursionlimit(RECURSION_LIMIT)
    gc.set_threshold(*GC_THRESHOLDS)
    old_size = threading.stack_size(STACK_SIZE)
    try:
        thread = threading.Thread(target=target, name="nixlite-eval")
        thread.start()
    finally:
        threading.stack_size(old_size)
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]
