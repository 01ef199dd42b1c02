"""The Evaluator: the top-level scope, imports and the search path.

One Evaluator holds what an evaluation shares: the `builtins` set and the
top-level environment built from it, the search path (`-I`, NIX_PATH) that
`<...>` paths resolve through, and the values of the files imported so far
(each file is evaluated once, as in Nix).
"""

import os
import time

from nixlite import deps
from nixlite.bytestr import from_os
from nixlite.eval import storeread
from nixlite.eval.builtins import CONSTANTS, EVALUATOR_PRIMOPS, PRIMOPS
from nixlite.eval.compiler import Compiler, Scope
from nixlite.eval.errors import EvalError
from nixlite.eval.values import Attrs, PrimOp, Thunk
from nixlite.syntax.globals import TOP_LEVEL
from nixlite.syntax.parse import parse_file, parse_text


def _current_time(_env):
    deps.impure("builtins.currentTime was read")
    return int(time.time())


def parse_search_path(entries):
    """-I / NIX_PATH entries (`prefix=path` or `path`) as (prefix, path) pairs."""
    pairs = []
    for entry in entries:
        prefix, sep, path = entry.partition("=")
        if not sep:
            prefix, path = "", entry
        pairs.append((prefix, path))
    return pairs


class Evaluator:
    """The state one evaluation shares. Builtins that need the store come
    from nixlite.store.builtins, which callers import first (the command
    line and nixlite.evaluate do)."""

    def __init__(self, search_path=()):
        entries = list(search_path)
        nix_path = deps.getenv("NIX_PATH")
        entries += [e for e in nix_path.split(":") if e]
        self.search_path = parse_search_path(entries)
        self.file_cache = {}
        self.builtins = self._make_builtins()
        names = sorted(TOP_LEVEL)
        self.base_scope = Scope({name: i + 1 for i, name in enumerate(names)}, None)
        items = self.builtins.items
        self.base_env = [None] + [items[name[2:] if name.startswith("__") else name] for name in names]

    def _make_builtins(self):
        items = {}
        for name, (arity, fn) in PRIMOPS.items():
            items[name] = PrimOp(name, arity, fn)
        for name, (arity, fn) in EVALUATOR_PRIMOPS.items():
            items[name] = PrimOp(name, arity, _bind(fn, self))
        items.update(CONSTANTS)
        for name in NIX_BUILTINS - items.keys():
            items[name] = PrimOp(name, 1, _unsupported(name))
        items["currentTime"] = Thunk(_current_time, None)
        items["nixPath"] = [
            Attrs({"prefix": from_os(prefix), "path": from_os(os.path.abspath(path) if not _is_uri(path) else path)})
            for prefix, path in self.search_path]
        builtins = Attrs(items)
        items["builtins"] = builtins
        return builtins

    def evaluate_module(self, module, scope_attrs=None):
        """The value of a parsed module; `scope_attrs` (a set) puts its
        attributes in scope on top of the builtins, as scopedImport does."""
        if scope_attrs is None:
            return Compiler(module, self.base_scope).compile_module().ev(self.base_env)
        names = sorted(scope_attrs.items)
        scope = Scope({name: i + 1 for i, name in enumerate(names)}, self.base_scope)
        env = [self.base_env] + [scope_attrs.items[name] for name in names]
        return Compiler(module, scope).compile_module().ev(env)

    def evaluate_text(self, text, kind="string", base_dir=None):
        return self.evaluate_module(parse_text(text, kind, base_dir=base_dir))

    def import_path(self, path, scope_attrs=None):
        """The value of the file at `path` (a directory means its default.nix)."""
        os_path = storeread.os_path(path)
        if deps.ask("isdir", os_path):
            os_path = os.path.join(os_path, "default.nix")
        if scope_attrs is not None:
            module = parse_file(os_path, tuple(sorted(scope_attrs.items)))
            return self.evaluate_module(module, scope_attrs)
        value = self.file_cache.get(os_path)
        if value is None:
            value = self.evaluate_module(parse_file(os_path))
            self.file_cache[os_path] = value
        return value


# Every name in Nix 2.8's `builtins` set, besides `builtins` itself.
NIX_BUILTINS = frozenset(name[2:] if name.startswith("__") else name for name in TOP_LEVEL) - {"builtins"}


def _unsupported(name):
    def fn(*args):
        raise EvalError(f"builtins.{name} is not supported by nixlite yet")
    return fn


def _is_uri(path):
    return "://" in path


def _bind(fn, evaluator):
    return lambda *args: fn(evaluator, *args)
