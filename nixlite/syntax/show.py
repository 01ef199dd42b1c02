"""Printing an AST the way `nix-instantiate --parse` prints it.

Fully parenthesised, with Nix 2.8's exact spacing: static attributes sorted
by name and followed by the dynamic ones, `inherit x ;` inside sets, floats
in C++'s default `%g` form, strings with `"`, `\\`, `$` and control
characters escaped.
"""

import re
from operator import attrgetter

from nixlite.syntax import ast

IDENT_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*\Z")
STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "$": "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
STRING_SPECIAL_RE = re.compile(r'["\\$\n\r\t]')


def show_string(s):
    return '"' + STRING_SPECIAL_RE.sub(lambda m: STRING_ESCAPES[m.group()], s) + '"'


def show_name(name):
    """An attribute name: bare when it is an identifier, else quoted. Nix
    2.8 quotes only one keyword, `if`, and leaves the others bare."""
    if IDENT_RE.match(name) and name != "if":
        return name
    return show_string(name)


def show_attr_path(path):
    return ".".join(
        show_name(p) if isinstance(p, str) else '"${' + show(p) + '}"' for p in path)


def show_float(x):
    return "%g" % x


def show(node):
    out = []
    _show(node, out)
    return "".join(out)


def _show(node, out):
    SHOW[type(node)](node, out)


def _var(node, out):
    out.append(node.name)


def _int(node, out):
    out.append(str(node.value))


def _str(node, out):
    out.append(show_string(node.value))


def _path(node, out):
    out.append(node.value)


def _float(node, out):
    out.append(show_float(node.value))


def _cur_pos(node, out):
    out.append("__curPos")


def _call(node, out):
    out.append("(")
    _show(node.fn, out)
    for arg in node.args:
        out.append(" ")
        _show(arg, out)
    out.append(")")


def _select(node, out):
    out.append("(")
    _show(node.expr, out)
    out.append(").")
    out.append(show_attr_path(node.path))
    if node.default is not None:
        out.append(" or (")
        _show(node.default, out)
        out.append(")")


def _has_attr(node, out):
    out.append("((")
    _show(node.expr, out)
    out.append(") ? ")
    out.append(show_attr_path(node.path))
    out.append(")")


def _binding(name, definition, inherit_end, out):
    """`name = expr; ` or `inherit name` + inherit_end (Nix spaces the two
    inherit forms differently in sets and in lets)."""
    if definition.inherited:
        out.append(f"inherit {show_name(name)}{inherit_end}")
    else:
        out.append(f"{show_name(name)} = ")
        _show(definition.expr, out)
        out.append("; ")


def _attrs(node, out):
    out.append("rec { " if node.rec else "{ ")
    for name in sorted(node.attrs):
        _binding(name, node.attrs[name], " ; ", out)
    for dynamic in node.dynamic:
        out.append('"${')
        _show(dynamic.name, out)
        out.append('}" = ')
        _show(dynamic.expr, out)
        out.append("; ")
    out.append("}")


def _let(node, out):
    out.append("(let ")
    for name, definition in node.attrs.attrs.items():
        _binding(name, definition, "; ", out)
    out.append("in ")
    _show(node.body, out)
    out.append(")")


def _list(node, out):
    out.append("[ ")
    for elem in node.elems:
        out.append("(")
        _show(elem, out)
        out.append(") ")
    out.append("]")


def _lambda(node, out):
    out.append("(")
    if node.formals is not None:
        names = []
        for formal in node.formals.formals:
            if formal.default is None:
                names.append(formal.name)
            else:
                names.append(f"{formal.name} ? {show(formal.default)}")
        if node.formals.ellipsis:
            names.append("...")
        out.append("{ " + ", ".join(names) + " }")
        if node.arg is not None:
            out.append(" @ ")
    if node.arg is not None:
        out.append(node.arg)
    out.append(": ")
    _show(node.body, out)
    out.append(")")


def _concat_strings(node, out):
    out.append("(")
    for i, part in enumerate(node.parts):
        if i:
            out.append(" + ")
        _show(part, out)
    out.append(")")


def _bin_op(node, out):
    out.append("(")
    _show(node.left, out)
    out.append(f" {node.op} ")
    _show(node.right, out)
    out.append(")")


# Nodes that print as fixed text around their children: (text, child, ...).
TEMPLATES = {
    ast.Not: ("(! ", "expr", ")"),
    ast.If: ("(if ", "cond", " then ", "then", " else ", "else_", ")"),
    ast.With: ("(with ", "attrs", "; ", "body", ")"),
    ast.Assert: ("assert ", "cond", "; ", "body"),
}


def _template(template):
    texts = template[0::2]
    children = [attrgetter(name) for name in template[1::2]]

    def show_node(node, out):
        for text, child in zip(texts, children):
            out.append(text)
            _show(child(node), out)
        if len(texts) > len(children):
            out.append(texts[-1])
    return show_node


SHOW = {
    ast.Var: _var, ast.Int: _int, ast.Str: _str, ast.Path: _path, ast.Float: _float,
    ast.CurPos: _cur_pos, ast.Call: _call, ast.Select: _select, ast.HasAttr: _has_attr,
    ast.Attrs: _attrs, ast.Let: _let, ast.List: _list, ast.Lambda: _lambda,
    ast.ConcatStrings: _concat_strings, ast.BinOp: _bin_op,
    **{kind: _template(template) for kind, template in TEMPLATES.items()},
}
