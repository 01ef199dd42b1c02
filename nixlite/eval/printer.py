"""Printing values as `nix-instantiate --eval` does.

Without --strict only what evaluation already forced is shown; anything
else prints as <CODE>. A non-empty set or list met a second time prints as
«repeated». Attribute names are sorted, and quoted as the parser's printer
quotes them.
"""

from nixlite.bytestr import from_utf8
from nixlite.eval.values import NIX_WRITTEN, Attrs, Lambda, NixPath, PrimOp, PrimOpApp, StrCtx, Thunk
from nixlite.syntax.show import show_name

REPEATED = from_utf8("«repeated»")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def show_string(s):
    out = ['"']
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        escaped = _ESCAPES.get(c)
        if escaped is not None:
            out.append(escaped)
        elif c == "$" and s.startswith("${", i):
            out.append("\\$")
        else:
            out.append(c)
        i += 1
    out.append('"')
    return "".join(out)


def print_value(value):
    out = []
    _print(value, out, set())
    return "".join(out)


def _print(value, out, seen):
    if value.__class__ is Thunk:
        if not value.forced:
            out.append("<CODE>")
            return
        value = value.value
    cls = value.__class__
    if cls is bool:
        out.append("true" if value else "false")
    elif cls is int:
        out.append(str(value))
    elif cls is str or cls is StrCtx:
        out.append(show_string(value))
    elif value is None:
        out.append("null")
    elif cls is Attrs:
        if value.items and id(value) in seen:
            out.append(REPEATED)
            return
        seen.add(id(value))
        out.append("{ ")
        for name in sorted(value.items):
            out.append(f"{show_name(name)} = ")
            _print(value.items[name], out, seen)
            out.append("; ")
        out.append("}")
    elif cls is list:
        if value and id(value) in seen:
            out.append(REPEATED)
            return
        seen.add(id(value))
        out.append("[ ")
        for item in value:
            _print(item, out, seen)
            out.append(" ")
        out.append("]")
    elif cls is float:
        out.append("%g" % value)
    elif cls is NixPath:
        out.append(value.path)
    elif cls is Lambda:
        out.append("<LAMBDA>")
    elif cls is PrimOp:
        out.append("<LAMBDA>" if value.name in NIX_WRITTEN else "<PRIMOP>")
    elif cls is PrimOpApp:
        out.append("<PRIMOP-APP>")
    else:
        raise TypeError(f"cannot print {cls.__name__}")
