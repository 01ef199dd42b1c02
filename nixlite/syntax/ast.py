"""The Nix abstract syntax tree, in the shapes Nix 2.8 itself builds.

The parser desugars as Nix does (`a - b` is a call of `__sub`, `<p>` a call
of `__findFile`, nested attribute paths are merged into nested sets), so
printing this tree reproduces `nix-instantiate --parse` and evaluating it
reproduces Nix's semantics without a second desugaring step.

Every node carries `pos`, the byte offset in its source where Nix locates
it; the source's diagnostics.Origin turns it into a line and column.
"""

from operator import attrgetter


class Node:
    __slots__ = ("pos",)
    _fields = ("pos",)

    def __init_subclass__(cls):
        # Constructors take their fields in slot order, so a node pickles as
        # its class and its field values.
        cls._fields = ("pos",) + cls.__slots__
        getter = attrgetter(*cls._fields)
        cls._values = getter if len(cls._fields) > 1 else staticmethod(lambda node: (getter(node),))

    def __reduce__(self):
        return (type(self), self._values(self))

    def __repr__(self):
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields if n != "pos")
        return f"{type(self).__name__}({inner})"


class Int(Node):
    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.pos, self.value = pos, value


class Float(Node):
    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.pos, self.value = pos, value


class Str(Node):
    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.pos, self.value = pos, value


class Path(Node):
    """An absolute, canonical path literal."""

    __slots__ = ("value",)

    def __init__(self, pos, value):
        self.pos, self.value = pos, value


class Var(Node):
    __slots__ = ("name",)

    def __init__(self, pos, name):
        self.pos, self.name = pos, name


class CurPos(Node):
    __slots__ = ()

    def __init__(self, pos):
        self.pos = pos


class Select(Node):
    """`expr.a.${b} or default`; path elements are names (str) or nodes."""

    __slots__ = ("expr", "path", "default")

    def __init__(self, pos, expr, path, default=None):
        self.pos, self.expr, self.path, self.default = pos, expr, path, default


class HasAttr(Node):
    __slots__ = ("expr", "path")

    def __init__(self, pos, expr, path):
        self.pos, self.expr, self.path = pos, expr, path


class AttrDef(Node):
    """One static binding; `inherited` marks `inherit x` (whose expr is Var x)."""

    __slots__ = ("expr", "inherited")

    def __init__(self, pos, expr, inherited=False):
        self.pos, self.expr, self.inherited = pos, expr, inherited


class DynamicAttr(Node):
    __slots__ = ("name", "expr")

    def __init__(self, pos, name, expr):
        self.pos, self.name, self.expr = pos, name, expr


class Attrs(Node):
    """An attribute set: static bindings by name, then dynamic ones in order."""

    __slots__ = ("rec", "attrs", "dynamic")

    def __init__(self, pos, rec=False, attrs=None, dynamic=None):
        self.pos = pos
        self.rec = rec
        self.attrs = {} if attrs is None else attrs
        self.dynamic = [] if dynamic is None else dynamic


class List(Node):
    __slots__ = ("elems",)

    def __init__(self, pos, elems):
        self.pos, self.elems = pos, elems


class Formal(Node):
    __slots__ = ("name", "default")

    def __init__(self, pos, name, default=None):
        self.pos, self.name, self.default = pos, name, default


class Formals(Node):
    """A lambda's `{ a, b ? d, ... }`, formals in source order."""

    __slots__ = ("formals", "ellipsis")

    def __init__(self, pos, formals, ellipsis):
        self.pos, self.formals, self.ellipsis = pos, formals, ellipsis


class Lambda(Node):
    """`arg: body` or `{ formals } @ arg: body`; `arg` may be None."""

    __slots__ = ("arg", "formals", "body")

    def __init__(self, pos, arg, formals, body):
        self.pos, self.arg, self.formals, self.body = pos, arg, formals, body


class Call(Node):
    """`fn a b ...`: Nix gathers curried application into one call node."""

    __slots__ = ("fn", "args")

    def __init__(self, pos, fn, args):
        self.pos, self.fn, self.args = pos, fn, args


class Let(Node):
    __slots__ = ("attrs", "body")

    def __init__(self, pos, attrs, body):
        self.pos, self.attrs, self.body = pos, attrs, body


class With(Node):
    __slots__ = ("attrs", "body")

    def __init__(self, pos, attrs, body):
        self.pos, self.attrs, self.body = pos, attrs, body


class If(Node):
    __slots__ = ("cond", "then", "else_")

    def __init__(self, pos, cond, then, else_):
        self.pos, self.cond, self.then, self.else_ = pos, cond, then, else_


class Assert(Node):
    __slots__ = ("cond", "body")

    def __init__(self, pos, cond, body):
        self.pos, self.cond, self.body = pos, cond, body


class Not(Node):
    __slots__ = ("expr",)

    def __init__(self, pos, expr):
        self.pos, self.expr = pos, expr


class BinOp(Node):
    """One of Nix's own binary operators: == != && || -> // ++."""

    __slots__ = ("op", "left", "right")

    def __init__(self, pos, op, left, right):
        self.pos, self.op, self.left, self.right = pos, op, left, right


class ConcatStrings(Node):
    """`a + b` (force_string False) or an interpolated string (True).

    `positions` holds where Nix locates each part in errors about it: the
    operand of `+`, or the text or `${` of an interpolation.
    """

    __slots__ = ("force_string", "parts", "positions")

    def __init__(self, pos, force_string, parts, positions):
        self.pos, self.force_string, self.parts, self.positions = pos, force_string, parts, positions


class Module:
    """A parsed source: its root expression and the Origin its positions
    point into (`origin.line_col(node.pos)`)."""

    __slots__ = ("origin", "root")

    def __init__(self, origin, root):
        self.origin, self.root = origin, root

    def __reduce__(self):
        return (Module, (self.origin, self.root))

    def line_col(self, node):
        return self.origin.line_col(node.pos)
