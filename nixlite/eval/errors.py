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

    def locate_trace(self, origin, offset):
        """Place a builtin's trace (made at CALL_SITE) at the call."""
        if self.traces and self.traces[-1][0] is CALL_SITE:
            self.traces[-1] = (origin, offset, self.traces[-1][2])
        return self


# Where a builtin's trace goes until the call that ran the builtin says.
CALL_SITE = object()


# Whether errors collect the traces Nix only collects with --show-trace
# (the lambda and call-site frames); a process-wide setting, as in Nix.
settings = {"show_trace": False}


class AssertionFailure(EvalError):
    """A failed `assert` or a `throw`: what builtins.tryEval catches."""


class CallError(EvalError):
    """A function called with arguments its formals do not accept."""


class Abort(EvalError):
    """builtins.abort: ends evaluation, whatever tries to catch it."""


def type_error(value, expected):
    from nixlite.eval.values import describe
    return EvalError(f"value is {describe(value)} while {expected} was expected")
