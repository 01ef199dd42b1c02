"""Builtins about values in general: types, forcing, errors, tracing."""

import sys

from nixlite import deps
from nixlite.diagnostics import filter_escapes, stderr_is_terminal
from nixlite.eval.builtins.registry import constant, primop
from nixlite.eval.errors import Abort, AssertionFailure, EvalError
from nixlite.eval.ops import (
    deep_force, force_attrs, force_string, force_string_no_ctx, missing_for_call, to_string,
)
from nixlite.eval.values import (
    DERIVATION_NIX_FORMAL, Attrs, Lambda, NixPath, PrimOp, PrimOpApp, StrCtx, force, is_nix_written, type_name,
)

constant("true", True)
constant("false", False)
constant("null", None)
constant("langVersion", 6)
constant("nixVersion", "2.8.0")


@primop("typeOf", 1)
def type_of(value):
    return type_name(force(value))


def _type_check(name, check):
    primop(name, 1)(lambda value: check(force(value)))


_type_check("isNull", lambda v: v is None)
_type_check("isInt", lambda v: v.__class__ is int)
_type_check("isFloat", lambda v: v.__class__ is float)
_type_check("isBool", lambda v: v.__class__ is bool)
_type_check("isString", lambda v: v.__class__ is str or v.__class__ is StrCtx)
_type_check("isList", lambda v: v.__class__ is list)
_type_check("isAttrs", lambda v: v.__class__ is Attrs)
_type_check("isPath", lambda v: v.__class__ is NixPath)
_type_check("isFunction", lambda v: v.__class__ in (Lambda, PrimOp, PrimOpApp))


@primop("seq", 2)
def seq(a, b):
    force(a)
    return force(b)


@primop("deepSeq", 2)
def deep_seq(a, b):
    deep_force(a)
    return force(b)


@primop("throw", 1)
def throw(message):
    raise AssertionFailure(str(force_string(message))).pin()


@primop("abort", 1)
def abort(message):
    text = to_string(message, coerce_more=True, copy_to_store=False)
    raise Abort(f"evaluation aborted with the following error message: '{text}'").pin()


@primop("tryEval", 1)
def try_eval(value):
    try:
        result = force(value)
    except AssertionFailure:
        return Attrs({"success": False, "value": False})
    return Attrs({"success": True, "value": result})


@primop("addErrorContext", 2)
def add_error_context(context, value):
    return force(value)


@primop("trace", 2)
def trace(message, value):
    from nixlite.eval.printer import print_value
    shown = force(message)
    deps.impure("builtins.trace printed a message")
    text = str(shown) if shown.__class__ in (str, StrCtx) else print_value(shown)
    # Through Nix's logger, which filters escape sequences out.
    line = filter_escapes("trace: " + text, keep_colours=stderr_is_terminal())
    sys.stderr.buffer.write(line.encode("latin-1") + b"\n")
    sys.stderr.flush()
    return force(value)


@primop("functionArgs", 1)
def function_args(fn):
    fn = force(fn)
    if fn.__class__ not in (Lambda, PrimOp, PrimOpApp):
        raise EvalError("'functionArgs' requires a function")
    if fn.__class__ is not Lambda or fn.node.formals is None:
        if is_nix_written(fn):
            # derivation.nix's `drvAttrs@{ outputs ? [ "out" ], ... }:`
            return Attrs({"outputs": True}, {"outputs": DERIVATION_NIX_FORMAL})
        return Attrs({})
    formals = fn.node.formals.formals
    origin = fn.module.origin
    # Each attribute carries its formal's position, as in Nix.
    return Attrs({f.name: f.default is not None for f in formals}, {f.name: (origin, f.pos) for f in formals})


@primop("toString", 1)
def to_string_primop(value):
    return to_string(value, coerce_more=True, copy_to_store=False)


@primop("getAttr", 2)
def get_attr(name, attrs):
    name = str(force_string_no_ctx(name))
    attrs = force_attrs(attrs)
    if name not in attrs.items:
        raise missing_for_call(name, attrs, "getAttr")
    return force(attrs.items[name])
