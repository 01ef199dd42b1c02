"""nixlite as a Python library: evaluate Nix and get Python values back.

    >>> import nixlite
    >>> nixlite.evaluate("let x = 20; in { a = x + 1; b = [ true null ]; }")
    {'a': 21, 'b': [True, None]}

`evaluate` parses, evaluates and (by default) forces the whole result, then
converts it: ints, floats, str, bool, None, lists and dicts as themselves,
paths as pathlib.PurePosixPath and functions as `Function`. Every error is
a nixlite.NixError carrying Nix's message and position (`e.report()` gives
the text Nix would print).
"""

from nixlite.bytestr import from_os, to_os
from nixlite.deepstack import run_deep
from nixlite.eval.errors import EvalError
from nixlite.eval.machine import Evaluator
from nixlite.eval.ops import apply, deep_force
from nixlite.eval.values import (
    Attrs, Lambda, NixPath, PrimOp, PrimOpApp, StrCtx, Thunk, describe, force,
)
from nixlite.syntax.parse import parse_file, parse_text


class Function:
    """A Nix function in a result: an opaque handle (`.value` is the Nix value)."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return "<Nix function>"


def evaluate(source=None, *, file=None, attr=None, args=None, search_path=(), strict=True):
    """Evaluate Nix source text (or `file=`), optionally select `attr`
    ("a.b.c") and auto-call functions with `args` (a dict of Nix expression
    strings, like --arg), and return the result as Python values."""
    return run_deep(_evaluate, source, file, attr, args, search_path, strict)


def _evaluate(source, file, attr, args, search_path, strict):
    evaluator = Evaluator(search_path)
    if file is not None:
        root = evaluator.evaluate_module(parse_file(file))
    else:
        root = evaluator.evaluate_module(parse_text(from_os(source), "string"))
    auto_args = {from_os(name): expr_arg(evaluator, expr) for name, expr in (args or {}).items()}
    value = select_attr_path(evaluator, root, from_os(attr) if attr else "", auto_args)
    if auto_args:
        value = auto_call(value, auto_args)
    if strict:
        deep_force(value)
    return to_python(value)


def expr_arg(evaluator, expr):
    """A --arg value: the expression, parsed now and evaluated when used."""
    module = parse_text(from_os(expr), "string")
    return Thunk(lambda env: evaluator.evaluate_module(module), None)


def auto_call(value, auto_args):
    """Call a function with formals on the automatic arguments, as Nix's
    autoCallFunction does; anything else is returned as it is."""
    value = force(value)
    if value.__class__ is Attrs and "__functor" in value.items:
        return auto_call(apply(value.items["__functor"], value), auto_args)
    if value.__class__ is not Lambda or value.node.formals is None:
        return value
    formals = value.node.formals
    if formals.ellipsis:
        chosen = dict(auto_args)
    else:
        chosen = {}
        for formal in formals.formals:
            if formal.name in auto_args:
                chosen[formal.name] = auto_args[formal.name]
            elif formal.default is None:
                raise EvalError(
                    f"cannot evaluate a function that has an argument without a value ('{formal.name}')\n\n"
                    "Nix attempted to evaluate a function as a top level expression; in\n"
                    "this case it must have its arguments supplied either by default\n"
                    "values, or passed explicitly with '--arg' or '--argstr'. See\n"
                    "https://nixos.org/manual/nix/stable/#ss-functions.",
                    value.module.origin, formal.pos)
    return force(apply(value, Attrs(chosen)))


def select_attr_path(evaluator, root, attr_path, auto_args):
    """Nix's findAlongAttrPath: follow `a.b.0.c`, auto-calling functions on
    the way; an empty path returns the root untouched."""
    value = root
    if not attr_path:
        return force(value)
    for part in attr_path.split("."):
        value = auto_call(value, auto_args)
        if part.isdigit():
            if value.__class__ is not list:
                raise EvalError(f"the expression selected by the selection path '{attr_path}' "
                                f"should be a list but is {describe(value)}")
            index = int(part)
            if index >= len(value):
                raise EvalError(f"list index {index} in selection path '{attr_path}' is out of range")
            value = force(value[index])
        else:
            if value.__class__ is not Attrs:
                raise EvalError(f"the expression selected by the selection path '{attr_path}' "
                                f"should be a set but is {describe(value)}")
            if part not in value.items:
                raise EvalError(f"attribute '{part}' in selection path '{attr_path}' not found")
            value = force(value.items[part])
    return value


def to_python(value):
    value = force(value)
    cls = value.__class__
    if cls is str or cls is StrCtx:
        return str(value).encode("latin-1").decode("utf-8", "surrogateescape")
    if cls is list:
        return [to_python(item) for item in value]
    if cls is Attrs:
        return {to_python(name): to_python(item) for name, item in value.items.items()}
    if cls is NixPath:
        from pathlib import PurePosixPath
        return PurePosixPath(to_os(value.path))
    if cls in (Lambda, PrimOp, PrimOpApp):
        return Function(value)
    return value
