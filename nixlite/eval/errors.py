"""Evaluation errors, shaped as Nix 2.8 reports them.

EvalError is any error evaluation raises; `throw` and failed assertions
raise its subclass AssertionFailure, the only kind builtins.tryEval
catches, as in Nix. `abort` raises Abort, which nothing catches.
"""

from nixlite.diagnostics import NixError


class EvalError(NixError):
    """An error during evaluation; may carry a position (origin, offset).

    A `pinned` error keeps the position it was made with, even none: Nix
    reports some errors (throw, abort) without any.
    """

    pinned = False

    def at(self, origin, offset):
        """Give the error a position unless it already has one."""
        if self.origin is None and origin is not None and not self.pinned:
            self.origin, self.offset = origin, offset
        return self

    def pin(self):
        self.pinned = True
        return self

    def add_trace(self, origin, offset, message):
        self.traces.append((origin, offset, message))
        return self


class AssertionFailure(EvalError):
    """A failed `assert` or a `throw`: what builtins.tryEval catches."""


class Abort(EvalError):
    """builtins.abort: ends evaluation, whatever tries to catch it."""


def type_error(value, expected):
    from nixlite.eval.values import describe
    return EvalError(f"value is {describe(value)} while {expected} was expected")
