"""Nix values as Python objects, chosen so the common cases cost nothing.

| Nix        | Python                                                     |
|------------|------------------------------------------------------------|
| null       | None                                                       |
| bool       | bool                                                       |
| int, float | int (kept within 64 bits by the operators), float          |
| string     | str of latin-1 decoded bytes; StrCtx when it has a context |
| path       | NixPath                                                    |
| list       | list, never mutated once built                             |
| set        | Attrs                                                      |
| function   | Lambda, PrimOp, PrimOpApp                                  |

A value not yet evaluated is a Thunk; `force` turns anything into a value.
An evaluated value is never wrapped, so forcing one is a type check.
"""

from nixlite.diagnostics import Origin
from nixlite.eval.errors import EvalError


class Thunk:
    """A delayed computation: `code(env)` runs once, on the first force.

    While it runs the thunk is a black hole, so a computation that needs its
    own value is reported as infinite recursion; if it fails, the thunk goes
    back to its unevaluated state, as in Nix.
    """

    __slots__ = ("code", "env", "value")

    def __init__(self, code, env):
        self.code = code
        self.env = env

    def force(self):
        code = self.code
        if code is None:
            return self.value
        if code is _blackhole:
            raise EvalError("infinite recursion encountered")
        self.code = _blackhole
        try:
            value = code(self.env)
        except BaseException:
            self.code = code
            raise
        self.value = value
        self.code = self.env = None
        return value

    @property
    def forced(self):
        return self.code is None


def _blackhole(env):  # a marker; never called
    raise AssertionError


def evaluated(value):
    """A thunk that already holds `value`."""
    thunk = Thunk(None, None)
    thunk.value = value
    return thunk


def force(value):
    if value.__class__ is Thunk:
        return value.force()
    return value


class StrCtx(str):
    """A string with a non-empty context: the store paths it refers to."""

    __slots__ = ("context",)

    def __new__(cls, value, context):
        s = super().__new__(cls, value)
        s.context = context
        return s


def context_of(s):
    return s.context if s.__class__ is StrCtx else frozenset()


def make_string(value, context):
    return StrCtx(value, frozenset(context)) if context else str(value)


class NixPath:
    """A path value: an absolute, canonical path (a Nix byte string)."""

    __slots__ = ("path",)

    def __init__(self, path):
        self.path = path

    def __eq__(self, other):
        return isinstance(other, NixPath) and other.path == self.path

    def __hash__(self):
        return hash(self.path)

    def __repr__(self):
        return f"NixPath({self.path!r})"


class Attrs:
    """An attribute set: a dict from names to values or thunks.

    `positions` maps names to (origin, offset) where they were defined, for
    builtins.unsafeGetAttrPos and error messages; it may be None. `pos` is
    where the set itself was written, if it was.
    """

    __slots__ = ("items", "positions", "pos")

    def __init__(self, items, positions=None, pos=None):
        self.items = items
        self.positions = positions
        self.pos = pos

    def get(self, name, default=None):
        value = self.items.get(name, _missing)
        if value is _missing:
            return default
        return force(value)

    def __contains__(self, name):
        return name in self.items

    def __len__(self):
        return len(self.items)

    def is_derivation(self):
        kind = self.items.get("type")
        return kind is not None and force(kind) == "derivation"


_missing = object()
EMPTY_ATTRS = Attrs({})


class Lambda:
    """A closure: a compiled function body and the environment it captured.

    `fn(env, arg)` calls it; for `a: b: body`, `fn2(env, a, b)` takes both
    arguments at once (None otherwise). `name` is the attribute or `let`
    binding the lambda was written as the value of, if any.
    """

    __slots__ = ("fn", "env", "node", "module", "fn2", "name")

    def __init__(self, fn, env, node, module, fn2=None, name=None):
        self.fn = fn
        self.env = env
        self.node = node
        self.module = module
        self.fn2 = fn2
        self.name = name

    def __call__(self, arg):
        return self.fn(self.env, arg)


class PrimOp:
    """A builtin function of `arity` arguments; `fn` takes them all at once."""

    __slots__ = ("name", "arity", "fn")

    def __init__(self, name, arity, fn):
        self.name, self.arity, self.fn = name, arity, fn

    def __call__(self, arg):
        if self.arity == 1:
            return self.fn(arg)
        return PrimOpApp(self, (arg,))


class PrimOpApp:
    """A builtin applied to fewer arguments than it takes."""

    __slots__ = ("primop", "args")

    def __init__(self, primop, args):
        self.primop, self.args = primop, args

    def __call__(self, arg):
        args = self.args + (arg,)
        if len(args) == self.primop.arity:
            return self.primop.fn(*args)
        return PrimOpApp(self.primop, args)


# For each kind of value: builtins.typeOf's name for it, and how Nix's
# error messages name it.
KINDS = {
    bool: ("bool", "a Boolean"),
    int: ("int", "an integer"),
    float: ("float", "a float"),
    str: ("string", "a string"),
    StrCtx: ("string", "a string with context"),
    NixPath: ("path", "a path"),
    type(None): ("null", "null"),
    Attrs: ("set", "a set"),
    list: ("list", "a list"),
    Lambda: ("lambda", "a function"),
    PrimOp: ("lambda", "a built-in function"),
    PrimOpApp: ("lambda", "a partially applied built-in function"),
}


def type_name(value):
    """builtins.typeOf's name for a forced value."""
    return KINDS[value.__class__][0]


def describe(value):
    """How Nix's error messages name a value's type, as its showType does
    ("an integer", "a string with context", "the built-in function 'map'")."""
    cls = value.__class__
    if cls is PrimOp:
        if value.name in NIX_WRITTEN:
            return "a function"
        return f"the built-in function '{value.name}'"
    if cls is PrimOpApp:
        return f"the partially applied built-in function '{value.primop.name}'"
    return KINDS[cls][1]


def is_function(value):
    cls = value.__class__
    return cls is Lambda or cls is PrimOp or cls is PrimOpApp or (
        cls is Attrs and "__functor" in value.items)


# The one builtin Nix 2.8 writes in Nix rather than C++: `derivation`, the
# lambda `drvAttrs@{ outputs ? [ "out" ], ... }:` of its derivation.nix,
# written at 5:1 with the formal `outputs` at 5:14. nixlite makes
# derivations natively but shows that builtin as Nix does: a function
# (<LAMBDA>, "a function", its formals and their positions).
NIX_WRITTEN = frozenset({"derivation"})
_DERIVATION_NIX = Origin.virtual("//builtin/derivation.nix", 5, 14)
DERIVATION_NIX_LAMBDA = (_DERIVATION_NIX, 4)
DERIVATION_NIX_FORMAL = (_DERIVATION_NIX, 17)


def is_nix_written(value):
    return value.__class__ is PrimOp and value.name in NIX_WRITTEN
