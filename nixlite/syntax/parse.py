"""Parsing Nix source into an AST: the LR driver and its error reports.

The driver runs the tables that nixlite.syntax.tables builds from
grammar/nix.lark. It keeps bison's location stack, so every node gets the
position Nix gives it, and on a syntax error it replays what bison does
(default reductions first, then the expected tokens of the state where the
error shows) to print Nix's exact message.

Two questions Nix's GLR parser settles by trying both ways are settled here
by look-ahead: whether a `{` opens a lambda's formals or an attribute set.
"""

import contextlib
import gc
import os
import pickle

import xxhash

from nixlite import deps
from nixlite.bytestr import from_os
from nixlite.diagnostics import NixError, Origin
from nixlite.syntax import ast, cache, tables
from nixlite.syntax.errors import ParseError

SHIFT, REDUCE = tables.SHIFT, tables.REDUCE


def _simulate(t, states, kinds):
    """Whether the parser, from `states`, accepts the token kinds in order."""
    states = list(states)
    for kind in kinds:
        while True:
            row = t.actions[states[-1]]
            act = row.get(kind)
            if act is None and kind == "LBRACE":
                act = row.get("FORMALS_OPEN")
            if act is None:
                return False
            if act[0] == SHIFT:
                states.append(act[1])
                break
            rule = t.rules[act[1]]
            if rule.length:
                del states[-rule.length:]
            state = t.gotos[states[-1]][rule.origin]
            if state == t.accept:
                return True
            states.append(state)
    return True


def _brace_kind(t, states, tokens, i):
    """FORMALS_OPEN or LBRACE for the `{` at tokens[i], where both could go.

    Nix's GLR parser follows both readings and keeps the one that survives;
    when both die on the same token it reports the attribute-set reading
    after `{ x`, and the formals reading after `{ }`.
    """
    nxt = tokens[i + 1][0]
    after = tokens[i + 2][0] if i + 2 < len(tokens) else "EOF"
    if nxt == "ELLIPSIS":
        return "FORMALS_OPEN"
    if nxt == "ID":
        return "FORMALS_OPEN" if after in ("COMMA", "QUESTION", "RBRACE") else "LBRACE"
    if nxt == "RBRACE":
        if after in ("COLON", "AT") or after == "ERROR":
            return "FORMALS_OPEN"
        return "LBRACE" if _simulate(t, states, ["LBRACE", "RBRACE", after]) else "FORMALS_OPEN"
    return "LBRACE"


def _syntax_error(t, states, kind, token, origin):
    """The error bison reports for token `kind` arriving in states[-1].

    Bison reduces by a state's default rule whatever the token, so the error
    shows up in the first state without one (or where %nonassoc forbids the
    token); its expected tokens are those it does not handle by default.
    """
    states = list(states)
    while kind not in t.errors[states[-1]]:
        act = t.actions[states[-1]].get(kind)
        if act is None:
            rule_number = t.default[states[-1]]
        elif act[0] == REDUCE:
            rule_number = act[1]
        else:
            break
        if rule_number is None:
            break
        rule = t.rules[rule_number]
        if rule.length:
            del states[-rule.length:]
        states.append(t.gotos[states[-1]][rule.origin])
        if states[-1] == t.accept:
            break
    state = states[-1]
    default = t.default[state]
    # lark's accept state leaves the end of input implicit; bison shifts it.
    expected = [tables.TOKEN_DISPLAY["EOF"]] if state == t.accept else []
    for k in sorted(t.actions[state], key=tables.TOKEN_ORDER.__getitem__):
        act = t.actions[state][k]
        name = tables.TOKEN_DISPLAY[k]
        if (act[0] == SHIFT or act[1] != default) and name not in expected:
            expected.append(name)
    message = f"syntax error, unexpected {tables.TOKEN_DISPLAY[kind]}"
    if 0 < len(expected) <= 4:
        message += ", expecting " + " or ".join(expected)
    return ParseError(message, origin, token[2])


def parse_tokens(tokens, ctx):
    """Run the LR automaton over `tokens`; returns the root node."""
    from nixlite.syntax.actions import ACTIONS

    t = tables.load()
    actions, gotos, rules, accept, consistent = t.actions, t.gotos, t.rules, t.accept, t.consistent
    fns = [ACTIONS[rule.action] for rule in rules]
    # Unit rules (`expr_op: expr_app`) pass their value and location through.
    unit = [rule.length == 1 and rule.action in ("pass", "first") for rule in rules]
    origins = [rule.origin for rule in rules]
    lengths = [rule.length for rule in rules]
    states = [t.start]
    values = [None]
    locs = [(0, 0)]
    i = 0
    token = tokens[0]
    kind = token[0]
    while True:
        row = actions[states[-1]]
        act = row.get(kind)
        if act is None:
            rule_number = consistent[states[-1]]
            if rule_number is not None:
                act = (REDUCE, rule_number)
            elif kind == "ERROR":
                raise token[1]
            elif kind == "LBRACE" and "FORMALS_OPEN" in row:
                kind = _brace_kind(t, states, tokens, i)
                act = row[kind]
            else:
                raise _syntax_error(t, states, kind, token, ctx.origin)
        elif kind == "LBRACE" and "FORMALS_OPEN" in row:
            kind = _brace_kind(t, states, tokens, i)
            act = row[kind]
        number = act[1]
        if act[0] == SHIFT:
            states.append(number)
            values.append(token[1])
            locs.append((token[2], token[3]))
            i += 1
            token = tokens[i]
            kind = token[0]
            continue
        if unit[number]:
            state = gotos[states[-2]][origins[number]]
            if state != accept:
                states[-1] = state
                continue
            value, here = values[-1], locs[-1]
        else:
            n = lengths[number]
            if n:
                loc = locs[-n:]
                here = (loc[0][0], loc[-1][1])
                v = values[-n:]
                del states[-n:], values[-n:], locs[-n:]
            else:
                here = (locs[-1][1], locs[-1][1])
                v = loc = ()
            value = fns[number](ctx, v, loc, here, locs[-1])
            state = gotos[states[-1]][origins[number]]
            if state != accept:
                states.append(state)
                values.append(value)
                locs.append(here)
                continue
        if kind == "EOF":
            return value
        if kind == "ERROR":
            raise token[1]
        raise _syntax_error(t, [accept], kind, token, ctx.origin)


@contextlib.contextmanager
def _no_gc():
    """Pause Python's cycle collector: syntax trees have no cycles, and
    collections triggered by their many allocations cost more than parsing.
    What was built is then frozen, so later collections skip it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def parse_origin(origin, base_dir, home=None, extra_names=()):
    """Parse the text of `origin` into an ast.Module, resolving relative
    paths against base_dir; `extra_names` are in scope besides the
    top-level ones (scopedImport's)."""
    # The parser proper is only needed when the cache misses.
    from nixlite.syntax.actions import Context
    from nixlite.syntax.lexer import tokenize
    from nixlite.syntax.scope import TOP, Scope, check_variables

    ctx = Context(origin, base_dir, from_os(os.environ.get("HOME", "")) if home is None else home)
    with _no_gc():
        root = parse_tokens(tokenize(origin.text, origin), ctx)
        check_variables(root, origin, Scope(frozenset(extra_names), TOP) if extra_names else TOP)
    return ast.Module(origin, root)


def parse_text(text, kind="string", name=None, base_dir=None):
    """Parse Nix source given as text (str of latin-1 decoded bytes) into an
    ast.Module, through the same cache as files."""
    base_dir = base_dir or from_os(os.getcwd())
    home = from_os(os.environ.get("HOME", ""))
    key = _cache_key(kind, name or "", base_dir, home, text)
    return _cached(key, lambda: parse_origin(Origin(kind, name, text), base_dir, home))


def _cache_key(*parts):
    data = b"\0".join(p.encode("latin-1") for p in (cache.fingerprint(), *parts))
    return "parse-" + xxhash.xxh3_128_hexdigest(data)


def _cached(key, parse):
    data = cache.get(key)
    if data is not None:
        with _no_gc():
            return pickle.loads(data)
    module = parse()
    with _no_gc():
        cache.put(key, pickle.dumps(module, protocol=pickle.HIGHEST_PROTOCOL))
    return module


def resolve_expr_path(path):
    """The file a path names: itself, or its default.nix if a directory."""
    path = os.path.abspath(path)
    try:
        if deps.ask("isdir", path):
            path = os.path.join(path, "default.nix")
        else:
            os.stat(path)
    except OSError as e:
        raise NixError(f"getting status of '{from_os(path)}': {e.strerror}") from None
    return path


def read_source(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
            deps.file_read(path, f.fileno(), len(data))
            return data
    except OSError as e:
        raise NixError(f"opening file '{from_os(path)}': {e.strerror}") from None


def parse_file(path, extra_names=()):
    """Parse a file (or a directory's default.nix), through the on-disk
    cache keyed by the file's bytes."""
    path = resolve_expr_path(path)
    data = read_source(path)
    name = from_os(path)
    home = from_os(os.environ.get("HOME", ""))
    text = data.decode("latin-1")
    key = _cache_key("file", name, home, " ".join(extra_names), text)
    return _cached(key, lambda: parse_origin(
        Origin("file", name, text), name.rsplit("/", 1)[0] or "/", home, extra_names))
