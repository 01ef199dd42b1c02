"""Nix's builtins, one module per domain; importing this registers them all.

The top-level scope and the `builtins` set are assembled from the registry
by nixlite.eval.machine.
"""

from nixlite.eval.builtins import arith, attrs, core, files, json, lists, regexes, strings  # noqa: F401
from nixlite.eval.builtins.registry import CONSTANTS, EVALUATOR_PRIMOPS, PRIMOPS  # noqa: F401
