"""Builtins for attribute sets."""

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import (
    apply, equal, lazy_call, force_attrs, force_function, force_list, force_string_no_ctx,
)
from nixlite.eval.values import Attrs, force


@primop("attrNames", 1)
def attr_names(attrs):
    return sorted(force_attrs(attrs).items)


@primop("attrValues", 1)
def attr_values(attrs):
    items = force_attrs(attrs).items
    return [items[name] for name in sorted(items)]


@primop("hasAttr", 2)
def has_attr(name, attrs):
    return str(force_string_no_ctx(name)) in force_attrs(attrs).items


@primop("removeAttrs", 2)
def remove_attrs(attrs, names):
    attrs = force_attrs(attrs)
    drop = {str(force_string_no_ctx(n)) for n in force_list(names)}
    return Attrs({k: v for k, v in attrs.items.items() if k not in drop}, attrs.positions)


@primop("intersectAttrs", 2)
def intersect_attrs(a, b):
    a, b = force_attrs(a), force_attrs(b)
    return Attrs({k: v for k, v in b.items.items() if k in a.items}, b.positions)


@primop("catAttrs", 2)
def cat_attrs(name, xs):
    name = str(force_string_no_ctx(name))
    return [force_attrs(x).items[name] for x in force_list(xs) if name in force_attrs(x).items]


@primop("mapAttrs", 2)
def map_attrs(fn, attrs):
    attrs = force_attrs(attrs)
    # Nix gives the new attributes no positions.
    return Attrs({k: lazy_call(fn, k, v) for k, v in attrs.items.items()})


@primop("zipAttrsWith", 2)
def zip_attrs_with(fn, sets):
    collected = {}
    for s in force_list(sets):
        for k, v in force_attrs(s).items.items():
            collected.setdefault(k, []).append(v)
    return Attrs({k: lazy_call(fn, k, vs) for k, vs in collected.items()})


@primop("unsafeGetAttrPos", 2)
def unsafe_get_attr_pos(name, attrs):
    name = str(force_string_no_ctx(name))
    attrs = force_attrs(attrs)
    if attrs.positions is None or name not in attrs.positions:
        return None
    origin, offset = attrs.positions[name]
    line, col = origin.line_col(offset)
    return Attrs({"file": origin.message_name, "line": line, "column": col})


@primop("genericClosure", 1)
def generic_closure(args):
    args = force_attrs(args)
    if "startSet" not in args.items:
        raise EvalError("attribute 'startSet' missing")
    if "operator" not in args.items:
        raise EvalError("attribute 'operator' missing")
    work = list(force_list(args.items["startSet"]))
    operator = force_function(args.items["operator"])
    seen = []
    result = []
    while work:
        item = force_attrs(work.pop(0))
        if "key" not in item.items:
            raise EvalError("attribute 'key' missing")
        key = force(item.items["key"])
        if any(equal(key, k) for k in seen):
            continue
        seen.append(key)
        result.append(item)
        work.extend(force_list(apply(operator, item)))
    return result
