"""The operations values share: forcing to a type, equality, ordering,
arithmetic with Nix's 64-bit integers, coercion to strings, application.

Builtins and compiled code both use these, so a rule (what `==` means for
sets, which values coerce to strings) is written once.
"""

from nixlite.eval.errors import CALL_SITE, CallError, EvalError, settings, type_error
from nixlite.eval.values import (
    Attrs, Lambda, NixPath, PrimOp, PrimOpApp, StrCtx, Thunk, context_of, describe, force,
    make_string,
)

INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def wrap(n):
    """An integer result as Nix's int64 arithmetic leaves it (two's complement)."""
    if INT_MIN <= n <= INT_MAX:
        return n
    return (n + 2**63) % 2**64 - 2**63


# -- forcing to a type ---------------------------------------------------------

def _forcer(cls, expected):
    """A function forcing a value that must be of class `cls`."""
    def force_typed(value):
        value = force(value)
        if value.__class__ is not cls:
            raise type_error(value, expected)
        return value
    return force_typed


force_int = _forcer(int, "an integer")
force_bool = _forcer(bool, "a Boolean")
force_attrs = _forcer(Attrs, "a set")
force_list = _forcer(list, "a list")


def force_string(value):
    """A string value (context kept); anything else is an error."""
    value = force(value)
    if value.__class__ is not str and value.__class__ is not StrCtx:
        raise type_error(value, "a string")
    return value


def context_not_allowed(s):
    """Nix's error for a string with context where it takes a plain one,
    naming the first element of the context (in Nix's sorted order)."""
    return EvalError(f"the string '{s}' is not allowed to refer to a store path (such as '{min(s.context)}')")


def force_string_no_ctx(value):
    """A string without context (Nix's forceStringNoCtx): what Nix takes
    for attribute names, regular expressions, version strings and the like."""
    value = force_string(value)
    if value.__class__ is StrCtx:
        raise context_not_allowed(value)
    return value


def force_function(value):
    value = force(value)
    cls = value.__class__
    if cls is not Lambda and cls is not PrimOp and cls is not PrimOpApp:
        raise type_error(value, "a function")
    return value


def force_float(value):
    """A number as a float; anything else is an error."""
    value = force(value)
    if value.__class__ is not int and value.__class__ is not float:
        raise type_error(value, "a float")
    return float(value)


def force_numbers(a, b):
    """Both operands of an arithmetic builtin, as Nix takes them: floats if
    either is a float, else integers."""
    a, b = force(a), force(b)
    if a.__class__ is float or b.__class__ is float:
        return force_float(a), force_float(b)
    return force_int(a), force_int(b)


def missing_for_call(name, attrs, function):
    """`attribute 'x' missing for call to 'f'`, located at the set."""
    error = EvalError(f"attribute '{name}' missing for call to '{function}'")
    if attrs.pos is not None:
        error.at(*attrs.pos).pin()
    return error.add_trace(CALL_SITE, 0, f"while invoking '{function}'")


def deep_force(value, seen=None):
    """Force a value and everything inside it (what --strict and deepSeq do)."""
    value = force(value)
    cls = value.__class__
    if cls is list or cls is Attrs:
        seen = set() if seen is None else seen
        if id(value) in seen:
            return value
        seen.add(id(value))
        if cls is list:
            for item in value:
                deep_force(item, seen)
        else:
            positions = value.positions or {}
            for name, item in value.items.items():
                try:
                    deep_force(item, seen)
                except EvalError as e:
                    origin, offset = positions.get(name, (None, 0))
                    raise e.add_trace(origin, offset, f"while evaluating the attribute '{name}'")
    return value


# -- application ---------------------------------------------------------------

def apply(fn, arg):
    """Call a function value with one (possibly lazy) argument."""
    fn = force(fn)
    cls = fn.__class__
    if cls is Lambda:
        try:
            return fn.fn(fn.env, arg)
        except EvalError as e:
            raise lambda_frames(e, fn, None, 0)
    if cls is PrimOp or cls is PrimOpApp:
        return fn(arg)
    if cls is Attrs and "__functor" in fn.items:
        return apply(apply(fn.items["__functor"], fn), arg)
    raise EvalError(f"attempt to call something which is not a function but {describe(fn)}")


def lambda_frames(error, fn, origin, offset):
    """With --show-trace, the frames Nix adds when a lambda's body fails:
    the lambda, then the call site (None when a builtin made the call)."""
    if settings["show_trace"] and not isinstance(error, CallError):
        what = f"'{fn.name}'" if fn.name else "anonymous lambda"
        error.add_trace(fn.module.origin, fn.node.pos, f"while evaluating {what}")
        error.add_trace(origin, offset, "from call site")
    return error


def call(fn, *args):
    for arg in args:
        fn = apply(fn, arg)
    return fn


def call_pair(pair):
    """`fn arg` for a (fn, arg) pair: the code of the thunks lazy_call makes."""
    fn, arg = pair
    if fn.__class__ is Lambda:
        try:
            return fn.fn(fn.env, arg)
        except EvalError as e:
            raise lambda_frames(e, fn, None, 0)
    return apply(fn, arg)


def _call_env(env):
    return call(*env)


def lazy_call(fn, *args):
    """A thunk for `fn args`: what builtins return for elements they do not
    compute yet (map, genList, mapAttrs), as Nix does."""
    if len(args) == 1:
        return Thunk(call_pair, (fn, args[0]))
    return Thunk(_call_env, (fn, *args))


# -- equality and ordering -------------------------------------------------------

def equal(a, b):
    """Nix's `==`: deep, forcing both sides; functions are never equal."""
    a, b = force(a), force(b)
    ca, cb = a.__class__, b.__class__
    if ca is StrCtx:
        ca = str
    if cb is StrCtx:
        cb = str
    if ca is not cb:
        if (ca is int and cb is float) or (ca is float and cb is int):
            return a == b
        return False
    if ca is list:
        return len(a) == len(b) and all(x is y or equal(x, y) for x, y in zip(a, b))
    if ca is Attrs:
        if a.is_derivation() and b.is_derivation():
            if "outPath" in a.items and "outPath" in b.items:
                return equal(a.items["outPath"], b.items["outPath"])
        if len(a.items) != len(b.items):
            return False
        for name, x in a.items.items():
            y = b.items.get(name, _absent)
            if y is _absent or not (x is y or equal(x, y)):
                return False
        return True
    if ca is Lambda or ca is PrimOp or ca is PrimOpApp:
        return False
    return a == b


_absent = object()


def less_than(a, b):
    """Nix's `<` (builtins.lessThan)."""
    a, b = force(a), force(b)
    ca, cb = a.__class__, b.__class__
    if ca in (int, float) and cb in (int, float):
        return a < b
    if ca in (str, StrCtx) and cb in (str, StrCtx):
        return str.__lt__(a, b)
    if ca is NixPath and cb is NixPath:
        return a.path < b.path
    if ca is list and cb is list:
        for x, y in zip(a, b):
            if not equal(x, y):
                return less_than(x, y)
        return len(a) < len(b)
    raise EvalError(f"cannot compare {describe(a)} with {describe(b)}").pin()


# -- strings ------------------------------------------------------------------------

def coerce_to_string(value, context, coerce_more=False, copy_to_store=True):
    """Nix's coerceToString: the text of a value, adding its context to
    `context`. Strings, paths and sets with `__toString` or `outPath`
    always coerce; with coerce_more so do numbers, Booleans, null and lists
    (as builtins.toString does)."""
    value = force(value)
    cls = value.__class__
    if cls is str:
        return value
    if cls is StrCtx:
        context.update(value.context)
        return str(value)
    if cls is NixPath:
        if copy_to_store:
            from nixlite.eval.paths import copy_path_to_store
            store_path = copy_path_to_store(value.path)
            context.add(store_path)
            return store_path
        return value.path
    if cls is Attrs:
        if "__toString" in value.items:
            result = apply(value.items["__toString"], value)
            return coerce_to_string(result, context, coerce_more, copy_to_store)
        if "outPath" in value.items:
            return coerce_to_string(value.items["outPath"], context, coerce_more, copy_to_store)
    if coerce_more:
        if cls is bool:
            return "1" if value else ""
        if cls is int:
            return str(value)
        if cls is float:
            return "%f" % value  # C++'s std::to_string
        if value is None:
            return ""
        if cls is list:
            parts = []
            for i, item in enumerate(value):
                text = coerce_to_string(item, context, coerce_more, copy_to_store)
                item_value = force(item)
                if i < len(value) - 1 and not (item_value.__class__ is list and not item_value):
                    text += " "
                parts.append(text)
            return "".join(parts)
    raise EvalError(f"cannot coerce {describe(value)} to a string")


def to_string(value, coerce_more=False, copy_to_store=True):
    """coerce_to_string with the result carrying its context."""
    context = set()
    text = coerce_to_string(value, context, coerce_more, copy_to_store)
    return make_string(text, context)


def concat_context(*strings):
    context = set()
    for s in strings:
        context.update(context_of(s))
    return context
