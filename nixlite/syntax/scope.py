"""Static scoping: reject undefined variables before evaluation, as Nix does.

Nix binds every variable to its scope right after parsing and reports a
variable that no enclosing `let`, `rec`, lambda or the top-level scope
defines, unless a `with` encloses it. This pass walks the tree in the order
Nix's binder does, so the first undefined variable reported is Nix's.
"""

from nixlite.syntax import ast
from nixlite.syntax.globals import TOP_LEVEL
from nixlite.syntax.errors import ParseError


class Scope:
    """A lexical frame: the names it binds (for the compiler, a dict from
    name to slot, numbered from 1), its parent, and whether it is a `with`."""

    __slots__ = ("names", "parent", "is_with")

    def __init__(self, names, parent, is_with=False):
        self.names = names
        self.parent = parent
        self.is_with = is_with

    def defines(self, name):
        scope = self
        while scope is not None:
            if scope.is_with or name in scope.names:
                return True
            scope = scope.parent
        return False


TOP = Scope(TOP_LEVEL, None)


def check_variables(root, origin, scope=TOP):
    """Raise a ParseError at the first undefined variable of `root`."""
    try:
        _check(root, scope)
    except _Undefined as e:
        node = e.args[0]
        raise ParseError(f"undefined variable '{node.name}'", origin, node.pos) from None


class _Undefined(Exception):
    pass


def _check_path(path, scope):
    for part in path:
        if not isinstance(part, str):
            _check(part, scope)


def _check(node, scope):
    kind = type(node)
    if kind is ast.Var:
        if not scope.defines(node.name):
            raise _Undefined(node)
    elif kind is ast.Call:
        _check(node.fn, scope)
        for arg in node.args:
            _check(arg, scope)
    elif kind is ast.Select:
        _check(node.expr, scope)
        if node.default is not None:
            _check(node.default, scope)
        _check_path(node.path, scope)
    elif kind is ast.Attrs:
        inner = Scope(node.attrs, scope) if node.rec else scope
        for definition in node.attrs.values():
            _check(definition.expr, scope if definition.inherited else inner)
        for dynamic in node.dynamic:
            _check(dynamic.name, inner)
            _check(dynamic.expr, inner)
    elif kind is ast.Lambda:
        names = set()
        if node.arg is not None:
            names.add(node.arg)
        if node.formals is not None:
            names.update(f.name for f in node.formals.formals)
        inner = Scope(names, scope)
        if node.formals is not None:
            for formal in node.formals.formals:
                if formal.default is not None:
                    _check(formal.default, inner)
        _check(node.body, inner)
    elif kind is ast.Let:
        inner = Scope(node.attrs.attrs, scope)
        for definition in node.attrs.attrs.values():
            _check(definition.expr, scope if definition.inherited else inner)
        _check(node.body, inner)
    elif kind is ast.With:
        _check(node.attrs, scope)
        _check(node.body, Scope((), scope, is_with=True))
    elif kind is ast.ConcatStrings:
        for part in node.parts:
            _check(part, scope)
    elif kind is ast.List:
        for elem in node.elems:
            _check(elem, scope)
    elif kind is ast.BinOp:
        _check(node.left, scope)
        _check(node.right, scope)
    elif kind is ast.If:
        _check(node.cond, scope)
        _check(node.then, scope)
        _check(node.else_, scope)
    elif kind is ast.Assert:
        _check(node.cond, scope)
        _check(node.body, scope)
    elif kind is ast.Not:
        _check(node.expr, scope)
    elif kind is ast.HasAttr:
        _check(node.expr, scope)
        _check_path(node.path, scope)
