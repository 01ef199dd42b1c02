"""Compiling syntax trees to Python closures.

Each expression compiles once to a `Code`: `ev(env)` computes its value.
Before that, every variable is resolved: a name bound by `let`, `rec`, a
lambda or the top-level scope becomes a (depth, slot) pair read straight
from the environment, which is a Python list `[parent, slot1, slot2, ...]`;
only a name no enclosing scope binds is looked up at run time, in the
`with` sets around it, innermost first (Nix lets any lexical binding win
over `with`).

Laziness costs nothing where it is not needed: a literal is stored as its
value, a variable as whatever its slot holds, and only other expressions
become Thunks.
"""

from nixlite.diagnostics import best_matches
from nixlite.eval.errors import AssertionFailure, CallError, EvalError, type_error
from nixlite.eval.builtins import arith
from nixlite.eval.ops import (
    apply, coerce_to_string, context_not_allowed, equal, force_attrs, force_bool, force_list, lambda_frames,
    less_than, wrap,
)
from nixlite.eval.values import Attrs, Lambda, NixPath, StrCtx, Thunk, describe, make_string
from nixlite.syntax import ast
from nixlite.syntax.paths import canon_path
from nixlite.syntax.scope import Scope

NOCONST = object()
MISSING = object()  # dict.get's default: None is a Nix value (null)
UNSET = object()  # a frame slot not filled yet


class Code:
    """A compiled expression: `ev(env)` evaluates it to a forced value.

    `const` is its value when it is a literal; `slot` is (depth, index) when
    it reads a lexically bound variable.
    """

    __slots__ = ("ev", "const", "slot")

    def __init__(self, ev, const=NOCONST, slot=None):
        self.ev, self.const, self.slot = ev, const, slot


def _var_reader(slot, origin, pos):
    """env -> the forced value of a lexical variable; the common depths get
    their own closures, since variable reads are the hottest operation."""
    depth, index = slot
    if depth == 0:
        def read0(env):
            value = env[index]
            if value.__class__ is Thunk:
                if value.code is None:
                    return value.value
                try:
                    return value.force()
                except EvalError as e:
                    raise e.at(origin, pos)
            return value
        return read0
    if depth == 1:
        def read1(env):
            value = env[0][index]
            if value.__class__ is Thunk:
                if value.code is None:
                    return value.value
                try:
                    return value.force()
                except EvalError as e:
                    raise e.at(origin, pos)
            return value
        return read1
    get = _frame_getter(depth, index)

    def read(env):
        value = get(env)
        if value.__class__ is Thunk:
            try:
                return value.force()
            except EvalError as e:
                raise e.at(origin, pos)
        return value
    return read


def _frame_getter(depth, index):
    """A function reading slot `index` of the frame `depth` levels up."""
    if depth == 0:
        return lambda env: env[index]
    if depth == 1:
        return lambda env: env[0][index]
    if depth == 2:
        return lambda env: env[0][0][index]

    def get(env):
        for _ in range(depth):
            env = env[0]
        return env[index]
    return get


def lazy(code, filling=False):
    """env -> the expression's value or a Thunk for it, creating no thunk
    for literals and variables.

    With `filling`, env is a frame still being filled (a `let`, a `rec` set,
    formals with defaults): a variable of that same frame shares its slot if
    the slot is filled already and gets a thunk otherwise, as in Nix.
    """
    if code.const is not NOCONST:
        value = code.const
        return lambda env: value
    ev = code.ev
    if code.slot is not None:
        if filling and code.slot[0] == 0:
            index = code.slot[1]

            def same_frame(env):
                value = env[index]
                return Thunk(ev, env) if value is UNSET else value
            return same_frame
        return _frame_getter(*code.slot)
    return lambda env: Thunk(ev, env)


class Compiler:
    """Compiles the expressions of one parsed module."""

    def __init__(self, module, base_scope):
        self.module = module
        self.origin = module.origin
        self.base_scope = base_scope

    def compile_module(self):
        return self.compile(self.module.root, self.base_scope)

    def compile(self, node, scope):
        return getattr(self, "c_" + type(node).__name__)(node, scope)

    def err(self, error, node_or_pos):
        pos = node_or_pos if isinstance(node_or_pos, int) else node_or_pos.pos
        return error.at(self.origin, pos)

    # -- literals and variables ----------------------------------------------

    def c_Int(self, node, scope):
        value = node.value
        return Code(lambda env: value, value)

    c_Float = c_Int

    def c_Str(self, node, scope):
        value = node.value
        return Code(lambda env: value, value)

    def c_Path(self, node, scope):
        value = NixPath(node.value)
        return Code(lambda env: value, value)

    def c_CurPos(self, node, scope):
        origin, pos = self.origin, node.pos

        def ev(env):
            line, col = origin.line_col(pos)
            return Attrs({"file": origin.message_name, "line": line, "column": col})
        return Code(ev)

    def resolve(self, name, scope):
        """(depth, index) of a lexical binding, or the list of depths of the
        enclosing `with` frames, innermost first."""
        depth, withs = 0, []
        while scope is not None:
            if scope.is_with:
                withs.append(depth)
            else:
                index = scope.names.get(name)
                if index is not None:
                    return (depth, index), withs
            scope = scope.parent
            depth += 1
        return None, withs

    def c_Var(self, node, scope):
        slot, withs = self.resolve(node.name, scope)
        origin, pos = self.origin, node.pos
        if slot is not None:
            return Code(_var_reader(slot, origin, pos), slot=slot)
        name = node.name
        getters = [_frame_getter(depth, 1) for depth in withs]

        def ev_with(env):
            for get in getters:
                attrs = get(env)
                if attrs.__class__ is Thunk:
                    attrs = attrs.force()
                if attrs.__class__ is not Attrs:
                    raise type_error(attrs, "a set").at(origin, pos)
                value = attrs.items.get(name, MISSING)
                if value is not MISSING:
                    if value.__class__ is Thunk:
                        try:
                            return value.force()
                        except EvalError as e:
                            raise e.at(origin, pos)
                    return value
            raise EvalError(f"undefined variable '{name}'", origin, pos)
        return Code(ev_with)

    # -- attribute sets ----------------------------------------------------------

    def attr_names(self, path, scope):
        """Compile an attribute path: names stay str, dynamic parts become
        functions env -> name (a string)."""
        names = []
        for part in path:
            if isinstance(part, str):
                names.append(part)
            else:
                names.append(self.dynamic_name(part, scope))
        return names

    def dynamic_name(self, node, scope):
        ev = self.compile(node, scope).ev

        def name(env):
            value = ev(env)
            if value.__class__ is not str and value.__class__ is not StrCtx:
                if value is None:
                    return None
                raise type_error(value, "a string").pin()
            if value.__class__ is StrCtx:
                raise context_not_allowed(value).pin()
            return str(value)
        return name

    def c_Select(self, node, scope):
        expr = self.compile(node.expr, scope).ev
        names = self.attr_names(node.path, scope)
        default = lazy(self.compile(node.default, scope)) if node.default is not None else None
        origin, pos = self.origin, node.pos
        if default is None and len(names) == 1 and isinstance(names[0], str):
            name = names[0]

            def ev_one(env):
                value = expr(env)
                if value.__class__ is not Attrs:
                    raise type_error(value, "a set").at(origin, pos)
                item = value.items.get(name, MISSING)
                if item is MISSING:
                    raise missing_attr(name, value, origin, pos)
                if item.__class__ is Thunk:
                    try:
                        return item.force()
                    except EvalError as e:
                        # Nix forces an attribute at the place it was defined,
                        # and names it in the trace only if it has one.
                        defined = value.positions.get(name) if value.positions else None
                        e.at(*(defined or (origin, pos)))
                        if defined:
                            e.add_trace(*defined, f"while evaluating the attribute '{name}'")
                        raise
                return item
            return Code(ev_one)

        def ev(env):
            value = expr(env)
            found = None
            walked = []
            try:
                for part in names:
                    name = part if part.__class__ is str else part(env)
                    walked.append(name)
                    if value.__class__ is Thunk:
                        value = value.force()
                    if value.__class__ is not Attrs:
                        if default is not None:
                            return _force(default(env))
                        raise type_error(value, "a set").at(origin, pos)
                    item = value.items.get(name, MISSING)
                    if item is MISSING:
                        if default is not None:
                            return _force(default(env))
                        raise missing_attr(name, value, origin, pos)
                    found, holder = name, value
                    value = item
                if value.__class__ is Thunk:
                    where = holder.positions.get(found) if holder.positions else None
                    try:
                        return value.force()
                    except EvalError as e:
                        raise e.at(*(where or (origin, pos)))
                return value
            except EvalError as e:
                defined = holder.positions.get(found) if found is not None and holder.positions else None
                if defined:
                    e.add_trace(*defined, f"while evaluating the attribute '{'.'.join(walked)}'")
                raise
        return Code(ev)

    def c_HasAttr(self, node, scope):
        expr = self.compile(node.expr, scope).ev
        names = self.attr_names(node.path, scope)

        def ev(env):
            value = expr(env)
            for part in names:
                name = part if part.__class__ is str else part(env)
                if value.__class__ is Thunk:
                    value = value.force()
                if value.__class__ is not Attrs:
                    return False
                item = value.items.get(name, MISSING)
                if item is MISSING:
                    return False
                value = item
            return True
        return Code(ev)

    def bindings(self, attrs, outer, inner, names_to_slots=None):
        """Compile the static bindings of a set or let: (name, lazy maker,
        uses_inner) triples, inherited ones evaluated in `outer`."""
        out = []
        for name, definition in attrs.attrs.items():
            scope = outer if definition.inherited else inner
            expr = definition.expr
            if isinstance(expr, ast.Lambda):
                code = self.c_Lambda(expr, scope, name)
            else:
                code = self.compile(expr, scope)
            out.append((name, lazy(code, filling=not definition.inherited and scope is not outer),
                        not definition.inherited, definition.pos))
        return out

    def c_Attrs(self, node, scope):
        origin = self.origin
        if node.rec:
            names = {name: i + 1 for i, name in enumerate(node.attrs)}
            inner = Scope(names, scope)
        else:
            inner = scope
        bound = self.bindings(node, scope, inner)
        dynamic = [(self.dynamic_name(d.name, inner), lazy(self.compile(d.expr, inner), filling=node.rec), d.pos)
                   for d in node.dynamic]
        positions = {name: (origin, pos) for name, _, _, pos in bound}
        set_pos = (origin, node.pos)

        def add_dynamic(env, items, positions_out):
            for name_fn, value, pos in dynamic:
                name = name_fn(env)
                if name is None:
                    continue
                if name in items:
                    previous = positions_out[name]
                    raise EvalError(
                        f"dynamic attribute '{name}' already defined at {previous[0].describe(previous[1])}",
                        origin, pos)
                items[name] = value(env)
                positions_out[name] = (origin, pos)

        if not node.rec:
            if not dynamic:
                def ev(env):
                    return Attrs({name: make(env) for name, make, _, _ in bound}, positions, set_pos)
                return Code(ev)

            def ev_dyn(env):
                items = {name: make(env) for name, make, _, _ in bound}
                pos_out = dict(positions)
                add_dynamic(env, items, pos_out)
                return Attrs(items, pos_out, set_pos)
            return Code(ev_dyn)

        size = len(bound)

        def ev_rec(env):
            frame = [env] + [UNSET] * size
            items = {}
            for i, (name, make, uses_inner, _) in enumerate(bound):
                value = make(frame if uses_inner else env)
                frame[i + 1] = value
                items[name] = value
            if dynamic:
                pos_out = dict(positions)
                add_dynamic(frame, items, pos_out)
                return Attrs(items, pos_out, set_pos)
            return Attrs(items, positions, set_pos)
        return Code(ev_rec)

    def c_Let(self, node, scope):
        names = {name: i + 1 for i, name in enumerate(node.attrs.attrs)}
        inner = Scope(names, scope)
        bound = self.bindings(node.attrs, scope, inner)
        body = self.compile(node.body, inner).ev
        size = len(bound)

        def ev(env):
            frame = [env] + [UNSET] * size
            for i, (_, make, uses_inner, _) in enumerate(bound):
                frame[i + 1] = make(frame if uses_inner else env)
            return body(frame)
        return Code(ev)

    def c_With(self, node, scope):
        attrs = lazy(self.compile(node.attrs, scope))
        body = self.compile(node.body, Scope({}, scope, is_with=True)).ev
        return Code(lambda env: body([env, attrs(env)]))

    # -- lists and functions ---------------------------------------------------

    def c_List(self, node, scope):
        makers = [lazy(self.compile(e, scope)) for e in node.elems]
        if not makers:
            return Code(lambda env: [])
        return Code(lambda env: [make(env) for make in makers])

    def c_Lambda(self, node, scope, name=None):
        module, origin = self.module, self.origin
        label = (f"'{name}'" if name else "anonymous function") + f" at {origin.describe(node.pos)}"
        fn2 = None
        if node.formals is None:
            inner_scope = Scope({node.arg: 1}, scope)
            inner = node.body
            if isinstance(inner, ast.Lambda) and inner.formals is None:
                # `a: b: body`: also callable with both arguments at once,
                # without building the intermediate closure.
                body2 = self.compile(inner.body, Scope({inner.arg: 1}, inner_scope)).ev
                inner_fn = _one_argument(body2)
                body = lambda env: Lambda(inner_fn, env, inner, module, None, name)  # noqa: E731

                def fn2(cenv, a, b):
                    return body2([[cenv, a], b])
            elif isinstance(inner, ast.Lambda):
                # Nix gives a curried lambda the name of the one around it.
                body = self.c_Lambda(inner, inner_scope, name).ev
            else:
                body = self.compile(inner, inner_scope).ev
            fn = _one_argument(body)
        else:
            fn = self.formals_function(node, scope, label)
        return Code(lambda env: Lambda(fn, env, node, module, fn2, name))

    def formals_function(self, node, scope, label):
        formals = node.formals.formals
        names = {f.name: i + 1 for i, f in enumerate(formals)}
        if node.arg is not None:
            names[node.arg] = len(formals) + 1
        inner = Scope(names, scope)
        defaults = [lazy(self.compile(f.default, inner), filling=True) if f.default is not None else None
                    for f in formals]
        body = self.compile(node.body, inner).ev
        spec = [(f.name, d) for f, d in zip(formals, defaults)]
        allowed = frozenset(f.name for f in formals)
        ellipsis = node.formals.ellipsis
        has_arg = node.arg is not None
        size = len(names)

        def fn(cenv, arg):
            attrs = arg
            if attrs.__class__ is Thunk:
                attrs = attrs.force()
            if attrs.__class__ is not Attrs:
                raise CallError(type_error(attrs, "a set").message)
            items = attrs.items
            frame = [cenv] + [UNSET] * size
            if has_arg:
                frame[-1] = arg
            used = 0
            for i, (name, default) in enumerate(spec, 1):
                value = items.get(name, MISSING)
                if value is MISSING:
                    if default is None:
                        raise CallError(f"{label} called without required argument '{name}'")
                    frame[i] = default(frame)
                else:
                    used += 1
                    frame[i] = value
            if not ellipsis and used != len(items):
                for name in sorted(items):
                    if name not in allowed:
                        error = CallError(f"{label} called with unexpected argument '{name}'")
                        error.suggestions = best_matches(allowed, name)
                        raise error
            return body(frame)
        return fn

    def is_builtin(self, node, scope, names):
        """Whether `node` is a variable naming one of the builtins `names`
        (not shadowed by any binding around it)."""
        if not isinstance(node, ast.Var) or node.name not in names:
            return False
        slot, _ = self.resolve(node.name, scope)
        depth = 0
        while scope is not self.base_scope:
            scope = scope.parent
            depth += 1
        return slot is not None and slot[0] == depth

    def c_Call(self, node, scope):
        if len(node.args) == 2 and self.is_builtin(node.fn, scope, INLINE_OPERATORS):
            return self.inline_operator(node, scope)
        fn = self.compile(node.fn, scope).ev
        args = [lazy(self.compile(a, scope)) for a in node.args]
        origin, pos = self.origin, node.pos

        if len(args) == 1:
            (arg,) = args

            def ev_one(env):
                value = fn(env)
                if value.__class__ is Lambda:
                    try:
                        return value.fn(value.env, arg(env))
                    except EvalError as e:
                        raise lambda_frames(e, value, origin, pos).at(origin, pos)
                try:
                    return call_one(value, arg(env))
                except EvalError as e:
                    raise e.at(origin, pos).locate_trace(origin, pos)
            return Code(ev_one)

        def ev(env):
            value = fn(env)
            for arg in args:
                try:
                    value = call_one(value, arg(env))
                except EvalError as e:
                    if value.__class__ is Lambda:
                        lambda_frames(e, value, origin, pos)
                    raise e.at(origin, pos).locate_trace(origin, pos)
            return value
        return Code(ev)

    def inline_operator(self, node, scope):
        """`a - b`, `a * b`, `a / b`, `a < b` (calls of the builtins they
        desugar to) evaluated in place, with a fast path for integers."""
        generic = INLINE_OPERATORS[node.fn.name]
        left = self.compile(node.args[0], scope).ev
        right = self.compile(node.args[1], scope).ev
        origin, pos = self.origin, node.pos
        fast = INT_FAST_PATHS.get(node.fn.name)

        def ev(env):
            a = left(env)
            b = right(env)
            if fast is not None and a.__class__ is int and b.__class__ is int:
                return fast(a, b)
            try:
                return generic(a, b)
            except EvalError as e:
                raise e.at(origin, pos)
        return Code(ev)

    # -- control -----------------------------------------------------------------

    def c_If(self, node, scope):
        cond = self.compile(node.cond, scope).ev
        then = self.compile(node.then, scope).ev
        else_ = self.compile(node.else_, scope).ev
        origin, pos = self.origin, node.pos

        def ev(env):
            c = cond(env)
            if c is True:
                return then(env)
            if c is False:
                return else_(env)
            raise type_error(c, "a Boolean").at(origin, pos)
        return Code(ev)

    def c_Assert(self, node, scope):
        cond = self.compile(node.cond, scope).ev
        body = self.compile(node.body, scope).ev
        origin, pos, cond_node = self.origin, node.pos, node.cond

        def ev(env):
            c = cond(env)
            if c is True:
                return body(env)
            if c is False:
                from nixlite.syntax.show import show
                raise AssertionFailure(f"assertion '{show(cond_node)}' failed", origin, pos)
            raise type_error(c, "a Boolean").at(origin, pos)
        return Code(ev)

    def c_Not(self, node, scope):
        expr = self.compile(node.expr, scope).ev

        def ev(env):
            return not force_bool(expr(env))
        return Code(ev)

    def c_BinOp(self, node, scope):
        left = self.compile(node.left, scope).ev
        right = self.compile(node.right, scope).ev
        origin, pos = self.origin, node.pos
        op = node.op

        def boolean(value):
            if value.__class__ is not bool:
                raise type_error(value, "a Boolean").at(origin, pos)
            return value

        if op == "==":
            return Code(lambda env: equal(left(env), right(env)))
        if op == "!=":
            return Code(lambda env: not equal(left(env), right(env)))
        if op == "&&":
            return Code(lambda env: boolean(left(env)) and boolean(right(env)))
        if op == "||":
            return Code(lambda env: boolean(left(env)) or boolean(right(env)))
        if op == "->":
            return Code(lambda env: (not boolean(left(env))) or boolean(right(env)))
        if op == "//":
            def update(env):
                a, b = force_attrs(left(env)), force_attrs(right(env))
                if not b.items:
                    return a
                if not a.items:
                    return b
                positions = None
                if a.positions is not None or b.positions is not None:
                    positions = {**(a.positions or {}), **(b.positions or {})}
                return Attrs({**a.items, **b.items}, positions)
            return Code(update)
        if op == "++":
            def concat(env):
                try:
                    a, b = force_list(left(env)), force_list(right(env))
                except EvalError as e:
                    raise e.at(origin, pos)
                return a + b if b else a
            return Code(concat)
        raise AssertionError(op)

    def c_ConcatStrings(self, node, scope):
        parts = [self.compile(p, scope).ev for p in node.parts]
        positions = node.positions
        origin, pos, force_string = self.origin, node.pos, node.force_string

        def add_numbers(total, env):
            is_float = total.__class__ is float
            for part, part_pos in zip(parts[1:], positions[1:]):
                value = part(env)
                cls = value.__class__
                if cls is int:
                    total = total + value if is_float else wrap(total + value)
                elif cls is float:
                    is_float = True
                    total += value
                else:
                    kind = "a float" if is_float else "an integer"
                    raise EvalError(f"cannot add {describe(value)} to {kind}", origin, part_pos)
            return total

        def concat(env, first):
            cls = first.__class__
            if not force_string and (cls is int or cls is float):
                return add_numbers(first, env)
            # A path first makes a path: the other parts are not copied to
            # the store, and the result may not refer to the store.
            is_path = cls is NixPath and not force_string
            context = set()
            out = []
            for i, part in enumerate(parts):
                value = first if i == 0 else part(env)
                try:
                    out.append(coerce_to_string(value, context, copy_to_store=not is_path))
                except EvalError as e:
                    raise e.at(origin, positions[i])
            text = "".join(out)
            if is_path:
                if context:
                    raise EvalError(
                        "a string that refers to a store path cannot be appended to a path", origin, pos)
                return NixPath(canon_path(text))
            return make_string(text, context)

        if len(parts) == 2 and not force_string:
            left, right = parts

            def ev_plus(env):
                a = left(env)
                if a.__class__ is int:
                    b = right(env)
                    if b.__class__ is int:
                        r = a + b
                        return r if -9223372036854775808 <= r <= 9223372036854775807 else wrap(r)
                    return add_rest(a, b)
                return concat(env, a)

            def add_rest(a, b):
                if b.__class__ is float:
                    return a + b
                raise EvalError(f"cannot add {describe(b)} to an integer", origin, positions[1])
            return Code(ev_plus)
        return Code(lambda env: concat(env, parts[0](env)))


def _one_argument(body):
    """The function of a lambda `x: body`: a frame holding the argument."""
    def fn(cenv, arg):
        return body([cenv, arg])
    return fn


def _int_sub(a, b):
    r = a - b
    return r if -9223372036854775808 <= r <= 9223372036854775807 else wrap(r)


def _int_mul(a, b):
    r = a * b
    return r if -9223372036854775808 <= r <= 9223372036854775807 else wrap(r)


INLINE_OPERATORS = {"__sub": arith.sub, "__mul": arith.mul, "__div": arith.div, "__lessThan": less_than}
INT_FAST_PATHS = {"__sub": _int_sub, "__mul": _int_mul, "__lessThan": int.__lt__}


def call_one(fn, arg):
    """`fn arg` for a call written in the source: a lambda's frames are
    added by the caller, who knows where the call is."""
    fn = fn.force() if fn.__class__ is Thunk else fn
    if fn.__class__ is Lambda:
        return fn.fn(fn.env, arg)
    return apply(fn, arg)


def missing_attr(name, attrs, origin, pos):
    error = EvalError(f"attribute '{name}' missing", origin, pos)
    error.suggestions = best_matches(attrs.items, name)
    return error


def _force(value):
    if value.__class__ is Thunk:
        return value.force()
    return value
