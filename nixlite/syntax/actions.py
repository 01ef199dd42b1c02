"""Semantic actions: what each grammar rule builds, as Nix 2.8's parser does.

The parser calls ACTIONS[alias](ctx, v, loc, here, below) on every
reduction, where `v` and `loc` are the values and locations of the rule's
right-hand side, `here` is the location bison computes for the rule (@$)
and `below` the location of the symbol beneath it (@0). Locations are
(start, end) byte offsets; a node's `pos` is the start offset.

The desugarings (operators to builtin calls, attribute path merging,
indented-string stripping) are Nix's own, so the AST prints and evaluates
as Nix's does.
"""

import os

from nixlite.syntax import ast
from nixlite.syntax.errors import ParseError
from nixlite.syntax.paths import canon_path
from nixlite.syntax.show import show_attr_path


class Context:
    """What actions need besides the values: the origin and base paths."""

    __slots__ = ("origin", "base_dir", "home")

    def __init__(self, origin, base_dir, home):
        self.origin = origin
        self.base_dir = base_dir
        self.home = home

    def error(self, message, offset):
        return ParseError(message, self.origin, offset)


def _call(ctx, here, name, args):
    pos = here[0]
    return ast.Call(pos, ast.Var(pos, name), args)


def _dup_attr(ctx, name, offset, prev_offset):
    return ctx.error(f"attribute '{name}' already defined at {ctx.origin.describe(prev_offset)}", offset)


def add_attr(ctx, attrs, path, expr, pos):
    """Bind `path = expr` in `attrs`, merging nested sets as Nix does."""
    for name in path[:-1]:
        if isinstance(name, str):
            existing = attrs.attrs.get(name)
            if existing is None:
                nested = ast.Attrs(pos)
                attrs.attrs[name] = ast.AttrDef(pos, nested)
                attrs = nested
            elif existing.inherited or not isinstance(existing.expr, ast.Attrs):
                raise _dup_attr(ctx, show_attr_path(path), pos, existing.pos)
            else:
                attrs = existing.expr
        else:
            nested = ast.Attrs(pos)
            attrs.dynamic.append(ast.DynamicAttr(pos, name, nested))
            attrs = nested
    last = path[-1]
    if not isinstance(last, str):
        attrs.dynamic.append(ast.DynamicAttr(pos, last, expr))
        return
    existing = attrs.attrs.get(last)
    if existing is None:
        attrs.attrs[last] = ast.AttrDef(pos, expr)
    elif isinstance(existing.expr, ast.Attrs) and isinstance(expr, ast.Attrs) and not existing.inherited:
        # `a = { x = 1; }; a = { y = 2; };` merges; Nix keeps only the static
        # bindings of the second set and reports a clash at the first one.
        target = existing.expr.attrs
        for name, definition in expr.attrs.items():
            if name in target:
                raise _dup_attr(ctx, name, target[name].pos, definition.pos)
            target[name] = definition
    else:
        raise _dup_attr(ctx, show_attr_path(path), pos, existing.pos)


def to_formals(ctx, formals, loc, arg=None):
    """Check a formals list for duplicates (and against the @-name)."""
    seen = {}
    duplicate = None
    for formal in formals.formals:
        if formal.name in seen and (duplicate is None or formal.pos < duplicate.pos):
            duplicate = formal
        seen[formal.name] = formal
    if duplicate is not None:
        raise ctx.error(f"duplicate formal function argument '{duplicate.name}'", duplicate.pos)
    if arg is not None and arg in seen:
        raise ctx.error(f"duplicate formal function argument '{arg}'", loc[0])
    return formals


def strip_indentation(ctx, here, parts):
    """Nix's indented-string rule: drop the common indentation of the lines.

    `parts` holds (text, has_indentation, pos) triples for literal text and
    (pos, node) pairs for interpolations. Text from escapes has no
    indentation: it ends a line's leading whitespace like an interpolation.
    """
    if not parts:
        return ast.Str(here[0], "")
    at_start, min_indent, cur = True, 1000000, 0
    for part in parts:
        if len(part) == 2 or not part[1]:
            if at_start:
                at_start = False
                min_indent = min(min_indent, cur)
            continue
        for c in part[0]:
            if at_start:
                if c == " ":
                    cur += 1
                elif c == "\n":
                    cur = 0
                else:
                    at_start = False
                    min_indent = min(min_indent, cur)
            elif c == "\n":
                at_start, cur = True, 0

    out = []
    at_start, dropped = True, 0
    remaining = len(parts)
    for part in parts:
        if len(part) == 2:
            at_start, dropped = False, 0
            out.append(part)
            remaining -= 1
            continue
        chars = []
        for c in part[0]:
            if at_start:
                if c == " ":
                    if dropped >= min_indent:
                        chars.append(c)
                    dropped += 1
                elif c == "\n":
                    dropped = 0
                    chars.append(c)
                else:
                    at_start, dropped = False, 0
                    chars.append(c)
            else:
                chars.append(c)
                if c == "\n":
                    at_start = True
        text = "".join(chars)
        if remaining == 1:
            # The last line goes if it is empty or only spaces.
            nl = text.rfind("\n")
            if nl != -1 and text[nl + 1:].strip(" ") == "":
                text = text[:nl + 1]
        out.append((part[2], ast.Str(part[2], text)))
        remaining -= 1
    if len(out) == 1 and isinstance(out[0][1], ast.Str):
        return out[0][1]
    return _concat(here[0], True, out)


def _binds_inherit(ctx, v, loc, here, below):
    attrs, names = v[0], v[2]
    pos = loc[2][0]
    for name in names:
        if name in attrs.attrs:
            raise _dup_attr(ctx, name, pos, attrs.attrs[name].pos)
        attrs.attrs[name] = ast.AttrDef(pos, ast.Var(here[0], name), True)
    return attrs


def _binds_inherit_from(ctx, v, loc, here, below):
    attrs, source, names = v[0], v[3], v[5]
    pos = loc[5][0]
    for name in names:
        if name in attrs.attrs:
            raise _dup_attr(ctx, name, pos, attrs.attrs[name].pos)
        attrs.attrs[name] = ast.AttrDef(pos, ast.Select(here[0], source, [name]))
    return attrs


def _let(ctx, v, loc, here, below):
    if v[1].dynamic:
        raise ctx.error("dynamic attributes not allowed in let", here[0])
    return ast.Let(here[0], v[1], v[3])


def _call_rule(ctx, v, loc, here, below):
    fn = v[0]
    if isinstance(fn, ast.Call):
        fn.args.append(v[1])
        return fn
    return ast.Call(here[0], fn, [v[1]])


def _var(ctx, v, loc, here, below):
    if v[0] == "__curPos":
        return ast.CurPos(here[0])
    return ast.Var(here[0], v[0])


def _path(ctx, v, loc, here, below):
    text = v[0]
    path = canon_path(text if text.startswith("/") else os.path.join(ctx.base_dir, text))
    if text.endswith("/") and len(text) > 1:
        path += "/"
    return ast.Path(here[0], path)


def _home_path(ctx, v, loc, here, below):
    return ast.Path(here[0], ctx.home + v[0][1:])


def _legacy_let(ctx, v, loc, here, below):
    v[2].rec = True
    return ast.Select(here[0], v[2], ["body"])


def _rec_attrs(ctx, v, loc, here, below):
    v[2].rec = True
    return v[2]


def _attrs_append_string(ctx, v, loc, here, below):
    if not isinstance(v[1], ast.Str):
        raise ctx.error("dynamic attributes not allowed in inherit", loc[1][0])
    v[0].append(v[1].value)
    return v[0]


def _static_name(node):
    return node.value if isinstance(node, ast.Str) else node


def _concat(pos, force_string, pairs):
    """A ConcatStrings from (position, node) pairs."""
    return ast.ConcatStrings(pos, force_string, [n for _, n in pairs], [p for p, _ in pairs])


def _append(lst, item):
    lst.append(item)
    return lst


def _binary(op):
    return lambda ctx, v, loc, here, below: ast.BinOp(here[0], op, v[0], v[2])


def _builtin_call(name, swap=False, negate=False):
    def action(ctx, v, loc, here, below):
        args = [v[2], v[0]] if swap else [v[0], v[2]]
        call = _call(ctx, here, name, args)
        return ast.Not(here[0], call) if negate else call
    return action


ACTIONS = {
    "start": lambda ctx, v, loc, here, below: v[0],
    "pass": lambda ctx, v, loc, here, below: v[0],
    "first": lambda ctx, v, loc, here, below: v[0],
    "middle": lambda ctx, v, loc, here, below: v[1],
    "lambda_ident": lambda ctx, v, loc, here, below: ast.Lambda(here[0], v[0], None, v[2]),
    "lambda_formals": lambda ctx, v, loc, here, below: ast.Lambda(
        here[0], None, to_formals(ctx, v[1], here), v[4]),
    "lambda_formals_at": lambda ctx, v, loc, here, below: ast.Lambda(
        here[0], v[4], to_formals(ctx, v[1], here, v[4]), v[6]),
    "lambda_at_formals": lambda ctx, v, loc, here, below: ast.Lambda(
        here[0], v[0], to_formals(ctx, v[3], here, v[0]), v[6]),
    "assert_": lambda ctx, v, loc, here, below: ast.Assert(here[0], v[1], v[3]),
    "with_": lambda ctx, v, loc, here, below: ast.With(here[0], v[1], v[3]),
    "let": _let,
    "if_": lambda ctx, v, loc, here, below: ast.If(here[0], v[1], v[3], v[5]),
    "not_": lambda ctx, v, loc, here, below: ast.Not(here[0], v[1]),
    "negate": lambda ctx, v, loc, here, below: _call(ctx, here, "__sub", [ast.Int(here[0], 0), v[1]]),
    "eq": _binary("=="),
    "neq": _binary("!="),
    "lt": _builtin_call("__lessThan"),
    "leq": _builtin_call("__lessThan", swap=True, negate=True),
    "gt": _builtin_call("__lessThan", swap=True),
    "geq": _builtin_call("__lessThan", negate=True),
    "and_": _binary("&&"),
    "or_": _binary("||"),
    "impl": _binary("->"),
    "update": _binary("//"),
    "concat_lists": _binary("++"),
    "has_attr": lambda ctx, v, loc, here, below: ast.HasAttr(here[0], v[0], v[2]),
    "plus": lambda ctx, v, loc, here, below: ast.ConcatStrings(
        here[0], False, [v[0], v[2]], [loc[0][0], loc[2][0]]),
    "sub": _builtin_call("__sub"),
    "mul": _builtin_call("__mul"),
    "div": _builtin_call("__div"),
    "call": _call_rule,
    "select": lambda ctx, v, loc, here, below: ast.Select(here[0], v[0], v[2]),
    "select_or": lambda ctx, v, loc, here, below: ast.Select(here[0], v[0], v[2], v[4]),
    "call_or": lambda ctx, v, loc, here, below: ast.Call(
        here[0], v[0], [ast.Var(here[0], "or")]),
    "var": _var,
    "int_": lambda ctx, v, loc, here, below: ast.Int(here[0], v[0]),
    "float_": lambda ctx, v, loc, here, below: ast.Float(here[0], v[0]),
    "ind_string": lambda ctx, v, loc, here, below: strip_indentation(ctx, here, v[1]),
    "path_interpolated": lambda ctx, v, loc, here, below: _concat(
        here[0], False, [(loc[0][0], v[0])] + v[1]),
    "search_path": lambda ctx, v, loc, here, below: _call(
        ctx, here, "__findFile", [ast.Var(here[0], "__nixPath"), ast.Str(here[0], v[0][1:-1])]),
    "uri": lambda ctx, v, loc, here, below: ast.Str(here[0], v[0]),
    "legacy_let": _legacy_let,
    "rec_attrs": _rec_attrs,
    "string": lambda ctx, v, loc, here, below: ast.Str(here[0], v[0]),
    "concat_strings": lambda ctx, v, loc, here, below: _concat(here[0], True, v[0]),
    "empty_string": lambda ctx, v, loc, here, below: ast.Str(here[0], ""),
    "parts_append_str": lambda ctx, v, loc, here, below: _append(v[0], (loc[1][0], ast.Str(loc[1][0], v[1]))),
    "parts_append_expr": lambda ctx, v, loc, here, below: _append(v[0], (loc[1][0], v[2])),
    "parts_expr": lambda ctx, v, loc, here, below: [(loc[0][0], v[1])],
    "parts_str_expr": lambda ctx, v, loc, here, below: [(loc[0][0], ast.Str(loc[0][0], v[0])), (loc[1][0], v[2])],
    "path": _path,
    "home_path": _home_path,
    "ind_parts_append_str": lambda ctx, v, loc, here, below: _append(v[0], (v[1][0], v[1][1], loc[1][0])),
    "ind_parts_append_expr": lambda ctx, v, loc, here, below: _append(v[0], (loc[1][0], v[2])),
    "ind_parts_empty": lambda ctx, v, loc, here, below: [],
    "binds_attr": lambda ctx, v, loc, here, below: (add_attr(ctx, v[0], v[1], v[3], loc[1][0]), v[0])[1],
    "binds_inherit": _binds_inherit,
    "binds_inherit_from": _binds_inherit_from,
    "binds_empty": lambda ctx, v, loc, here, below: ast.Attrs(below[0]),
    "attrs_append": lambda ctx, v, loc, here, below: _append(v[0], v[1]),
    "attrs_append_string": _attrs_append_string,
    "attrs_empty": lambda ctx, v, loc, here, below: [],
    "attrpath_append": lambda ctx, v, loc, here, below: _append(v[0], v[2]),
    "attrpath_append_string": lambda ctx, v, loc, here, below: _append(v[0], _static_name(v[2])),
    "attrpath_first": lambda ctx, v, loc, here, below: [v[0]],
    "attrpath_first_string": lambda ctx, v, loc, here, below: [_static_name(v[0])],
    "list_append": lambda ctx, v, loc, here, below: (v[0].elems.append(v[1]), v[0])[1],
    "list_empty": lambda ctx, v, loc, here, below: ast.List(here[0], []),
    "formals_cons": lambda ctx, v, loc, here, below: (v[2].formals.insert(0, v[0]), v[2])[1],
    "formals_one": lambda ctx, v, loc, here, below: ast.Formals(here[0], [v[0]], False),
    "formals_empty": lambda ctx, v, loc, here, below: ast.Formals(here[0], [], False),
    "formals_ellipsis": lambda ctx, v, loc, here, below: ast.Formals(here[0], [], True),
    "formal": lambda ctx, v, loc, here, below: ast.Formal(here[0], v[0]),
    "formal_default": lambda ctx, v, loc, here, below: ast.Formal(here[0], v[0], v[2]),
}
