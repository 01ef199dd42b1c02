"""Builtins for lists."""

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import (
    apply, call, call_pair, equal, force_attrs, force_bool, force_function, force_int, force_list,
    force_string_no_ctx, missing_for_call,
)
from nixlite.eval.values import Attrs, Lambda, Thunk, force


@primop("length", 1)
def length(xs):
    return len(force_list(xs))


@primop("head", 1)
def head(xs):
    xs = force_list(xs)
    if not xs:
        raise EvalError("list index 0 is out of bounds")
    return force(xs[0])


@primop("tail", 1)
def tail(xs):
    xs = force_list(xs)
    if not xs:
        raise EvalError("'tail' called on an empty list")
    return xs[1:]


@primop("elemAt", 2)
def elem_at(xs, n):
    xs, n = force_list(xs), force_int(n)
    if n < 0 or n >= len(xs):
        raise EvalError(f"list index {n} is out of bounds")
    return force(xs[n])


@primop("map", 2)
def map_(fn, xs):
    return [Thunk(call_pair, (fn, x)) for x in force_list(xs)]


@primop("filter", 2)
def filter_(fn, xs):
    fn = force_function(fn)
    return [x for x in force_list(xs) if force_bool(apply(fn, x))]


@primop("foldl'", 3)
def foldl(fn, acc, xs):
    fn = force_function(fn)
    acc = force(acc)
    fn2 = fn.fn2 if fn.__class__ is Lambda else None
    for x in force_list(xs):
        if fn2 is not None:
            acc = fn2(fn.env, acc, x)
        else:
            acc = call(fn, acc, x)
    return acc


@primop("elem", 2)
def elem(x, xs):
    return any(equal(x, y) for y in force_list(xs))


@primop("concatLists", 1)
def concat_lists(xss):
    out = []
    for xs in force_list(xss):
        out.extend(force_list(xs))
    return out


@primop("concatMap", 2)
def concat_map(fn, xs):
    fn = force_function(fn)
    out = []
    for x in force_list(xs):
        out.extend(force_list(apply(fn, x)))
    return out


@primop("genList", 2)
def gen_list(fn, n):
    fn = force_function(fn)
    n = force_int(n)
    if n < 0:
        raise EvalError(f"cannot create list of size {n}")
    return [Thunk(call_pair, (fn, i)) for i in range(n)]


@primop("all", 2)
def all_(fn, xs):
    fn = force_function(fn)
    return all(force_bool(apply(fn, x)) for x in force_list(xs))


@primop("any", 2)
def any_(fn, xs):
    fn = force_function(fn)
    return any(force_bool(apply(fn, x)) for x in force_list(xs))


@primop("sort", 2)
def sort(fn, xs):
    fn = force_function(fn)

    class Key:
        __slots__ = ("value",)

        def __init__(self, value):
            self.value = value

        def __lt__(self, other):
            return force_bool(call(fn, self.value, other.value))
    # A stable sort, as Nix's std::stable_sort, asking only "is a < b".
    return sorted(force_list(xs), key=Key)


@primop("partition", 2)
def partition(fn, xs):
    fn = force_function(fn)
    right, wrong = [], []
    for x in force_list(xs):
        (right if force_bool(apply(fn, x)) else wrong).append(x)
    return Attrs({"right": right, "wrong": wrong})


@primop("groupBy", 2)
def group_by(fn, xs):
    fn = force_function(fn)
    groups = {}
    for x in force_list(xs):
        groups.setdefault(str(force_string_no_ctx(apply(fn, x))), []).append(x)
    return Attrs(groups)


@primop("listToAttrs", 1)
def list_to_attrs(xs):
    items, positions = {}, {}
    for x in force_list(xs):
        pair = force_attrs(x)
        if "name" not in pair.items:
            raise missing_for_call("name", pair, "listToAttrs")
        try:
            name = str(force_string_no_ctx(pair.items["name"]))
        except EvalError as e:
            # Nix reports it where the element's `name` was written.
            raise e.at(*pair.positions["name"]).pin() if pair.positions and "name" in pair.positions else e
        if name not in items:
            if "value" not in pair.items:
                raise missing_for_call("value", pair, "listToAttrs")
            items[name] = pair.items["value"]
            # Each attribute is where its `value` was written, as in Nix.
            where = pair.positions.get("value") if pair.positions else None
            if where is not None:
                positions[name] = where
    return Attrs(items, positions or None)


