"""Printing an AST the way `nix-instantiate --parse` prints it.

Fully parenthesised, with Nix 2.8's exact spacing: static attributes sorted
by name and followed by the dynamic ones, `inherit x ;` inside sets, floats
in C++'s default `%g` form, strings with `"`, `\\`, `$` and control
characters escaped.
"""

import re

from nixlite.syntax import ast

IDENT_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*\Z")
KEYWORDS = frozenset(("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"))
STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "$": "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
STRING_SPECIAL_RE = re.compile(r'["\\$\n\r\t]')


def show_string(s):
    return '"' + STRING_SPECIAL_RE.sub(lambda m: STRING_ESCAPES[m.group()], s) + '"'


def show_name(name):
    """An attribute name: bare when it is an identifier, else quoted."""
    if IDENT_RE.match(name) and name not in KEYWORDS:
        return name
    return show_string(name)


def show_attr_path(path):
    return ".".join(
        show_name(p) if isinstance(p, str) else '"${' + show(p) + '}"' for p in path)


def show_float(x):
    return "%g" % x


def show(node):
    out = []
    _show(node, out.append)
    return "".join(out)


def _show(node, w):
    kind = type(node)
    if kind is ast.Var:
        w(node.name)
    elif kind is ast.Int:
        w(str(node.value))
    elif kind is ast.Str:
        w(show_string(node.value))
    elif kind is ast.Call:
        w("(")
        _show(node.fn, w)
        for arg in node.args:
            w(" ")
            _show(arg, w)
        w(")")
    elif kind is ast.Select:
        w("(")
        _show(node.expr, w)
        w(").")
        w(show_attr_path(node.path))
        if node.default is not None:
            w(" or (")
            _show(node.default, w)
            w(")")
    elif kind is ast.Attrs:
        _show_attrs(node, w)
    elif kind is ast.ConcatStrings:
        w("(")
        for i, part in enumerate(node.parts):
            if i:
                w(" + ")
            _show(part, w)
        w(")")
    elif kind is ast.Lambda:
        _show_lambda(node, w)
    elif kind is ast.List:
        w("[ ")
        for elem in node.elems:
            w("(")
            _show(elem, w)
            w(") ")
        w("]")
    elif kind is ast.BinOp:
        w("(")
        _show(node.left, w)
        w(f" {node.op} ")
        _show(node.right, w)
        w(")")
    elif kind is ast.Not:
        w("(! ")
        _show(node.expr, w)
        w(")")
    elif kind is ast.If:
        w("(if ")
        _show(node.cond, w)
        w(" then ")
        _show(node.then, w)
        w(" else ")
        _show(node.else_, w)
        w(")")
    elif kind is ast.Let:
        w("(let ")
        for name, definition in node.attrs.attrs.items():
            _show_binding(name, definition, "; ", w)
        w("in ")
        _show(node.body, w)
        w(")")
    elif kind is ast.With:
        w("(with ")
        _show(node.attrs, w)
        w("; ")
        _show(node.body, w)
        w(")")
    elif kind is ast.Assert:
        w("assert ")
        _show(node.cond, w)
        w("; ")
        _show(node.body, w)
    elif kind is ast.HasAttr:
        w("((")
        _show(node.expr, w)
        w(") ? ")
        w(show_attr_path(node.path))
        w(")")
    elif kind is ast.Path:
        w(node.value)
    elif kind is ast.Float:
        w(show_float(node.value))
    elif kind is ast.CurPos:
        w("__curPos")
    else:
        raise TypeError(f"cannot show {kind.__name__}")


def _show_attrs(node, w):
    if node.rec:
        w("rec ")
    w("{ ")
    for name in sorted(node.attrs):
        _show_binding(name, node.attrs[name], " ; ", w)
    for dynamic in node.dynamic:
        w('"${')
        _show(dynamic.name, w)
        w('}" = ')
        _show(dynamic.expr, w)
        w("; ")
    w("}")


def _show_binding(name, definition, inherit_end, w):
    """`name = expr; ` or `inherit name` + inherit_end (Nix spaces the two
    inherit forms differently in sets and in lets)."""
    if definition.inherited:
        w(f"inherit {show_name(name)}{inherit_end}")
    else:
        w(f"{show_name(name)} = ")
        _show(definition.expr, w)
        w("; ")


def _show_lambda(node, w):
    w("(")
    if node.formals is not None:
        names = []
        for formal in node.formals.formals:
            if formal.default is None:
                names.append(formal.name)
            else:
                names.append(f"{formal.name} ? {show(formal.default)}")
        if node.formals.ellipsis:
            names.append("...")
        w("{ " + ", ".join(names) + " }")
        if node.arg is not None:
            w(" @ ")
    if node.arg is not None:
        w(node.arg)
    w(": ")
    _show(node.body, w)
    w(")")
