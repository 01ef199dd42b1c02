"""Nix's builtins, one module per domain; importing this registers them all.

The top-level scope and the `builtins` set are assembled from the registry
by nixlite.eval.machine.
"""

from nixlite.eval.builtins import (  # noqa: F401
    arith, attrs, context, core, files, json, lists, regexes, strings,
)
from nixlite.eval.builtins.registry import (  # noqa: F401
    CONSTANTS, EVALUATOR_PRIMOPS, PRIMOPS, SERVICES,
)
