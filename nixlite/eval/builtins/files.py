"""Builtins that read the file system and the environment, and `import`."""

from nixlite import deps
from nixlite.bytestr import from_os, to_os
from nixlite.eval.builtins.registry import constant, evaluator_primop, primop
from nixlite.eval.errors import CALL_SITE, EvalError
from nixlite.eval.ops import coerce_to_string, force_attrs, force_list, force_string_no_ctx, to_string
from nixlite.eval.storeread import os_path
from nixlite.eval.values import Attrs, NixPath, context_of, force, make_string
from nixlite.storedir import STORE_DIR
from nixlite.system import CURRENT_SYSTEM
from nixlite.syntax.paths import canon_path

constant("currentSystem", CURRENT_SYSTEM)
constant("storeDir", STORE_DIR)


def real_path(value):
    """The absolute, canonical path a value (path or string) names."""
    value = force(value)
    text = coerce_to_string(value, set(), copy_to_store=False)
    if not text.startswith("/"):
        error = EvalError(f"string '{text}' doesn't represent an absolute path")
        raise error.add_trace(CALL_SITE, 0, "while realising the path")
    return canon_path(text)


def base_name(text):
    text = text.rstrip("/") if text != "/" else text
    return text[text.rfind("/") + 1:] if "/" in text else text


@primop("baseNameOf", 1)
def base_name_of(value):
    context = set()
    text = coerce_to_string(value, context, copy_to_store=False)
    if text.endswith("/"):
        text = text[:-1]
    return make_string(text[text.rfind("/") + 1:], context)


@primop("dirOf", 1)
def dir_of(value):
    value = force(value)
    if value.__class__ is NixPath:
        path = value.path
        parent = path[:path.rfind("/")] or "/"
        return NixPath(parent)
    context = set()
    text = coerce_to_string(value, context, copy_to_store=False)
    slash = text.rfind("/")
    if slash == -1:
        return make_string(".", context)
    return make_string(text[:slash] or "/", context)


@primop("toPath", 1)
def to_path(value):
    return make_string(real_path(value), context_of(force(value)))


@primop("pathExists", 1)
def path_exists(value):
    path = os_path(real_path(value))
    return deps.ask("exists", path)


@primop("readFile", 1)
def read_file(value):
    path = real_path(value)
    try:
        with open(os_path(path), "rb") as f:
            data = f.read()
            deps.file_read(f.name, f.fileno(), len(data))
            return data.decode("latin-1")
    except OSError as e:
        raise EvalError(f"opening file '{path}': {e.strerror}").pin() from None


@primop("readDir", 1)
def read_dir(value):
    path = real_path(value)
    try:
        directory = os_path(path)
        entries = deps.ask("listdir", directory)
    except OSError as e:
        raise EvalError(f"opening directory '{path}': {e.strerror}") from None
    return Attrs({from_os(name): kind for name, kind in entries})


@primop("hashFile", 2)
def hash_file(algo, value):
    import hashlib

    from nixlite.eval.builtins.strings import HASHES, unknown_hash
    algo = str(force_string_no_ctx(algo))
    if algo not in HASHES:
        raise unknown_hash(algo)
    path = real_path(value)
    try:
        with open(os_path(path), "rb") as f:
            data = f.read()
            deps.file_read(f.name, f.fileno(), len(data))
            return hashlib.new(algo, data).hexdigest()
    except OSError as e:
        raise EvalError(f"opening file '{path}': {e.strerror}") from None


@primop("getEnv", 1)
def get_env(name):
    name = to_os(str(force_string_no_ctx(name)))
    return from_os(deps.getenv(name))


@evaluator_primop("import", 1)
def import_(evaluator, value):
    return evaluator.import_path(real_path(value))


@evaluator_primop("scopedImport", 2)
def scoped_import(evaluator, scope, value):
    return evaluator.import_path(real_path(value), force_attrs(scope))


@evaluator_primop("findFile", 2)
def find_file(evaluator, search_path, name):
    name = str(force_string_no_ctx(name))
    for entry in force_list(search_path):
        entry = force_attrs(entry)
        prefix = str(force_string_no_ctx(entry.items["prefix"])) if "prefix" in entry.items else ""
        path = str(to_string(entry.items["path"], copy_to_store=False))
        if prefix and not (name == prefix or name.startswith(prefix + "/")):
            continue
        rest = name[len(prefix):].lstrip("/") if prefix else name
        candidate = canon_path(path + "/" + rest) if rest else canon_path(path)
        if deps.ask("exists", to_os(candidate)):
            return NixPath(candidate)
    if name == "nixpkgs" or name.startswith("nixpkgs/"):
        # The search path names no nixpkgs of its own: the package set nixlite ships.
        from nixlite.pkgs import PKGS_PATH
        candidate = canon_path(from_os(str(PKGS_PATH)) + name[len("nixpkgs"):])
        if deps.ask("exists", to_os(candidate)):
            return NixPath(candidate)
    raise EvalError(
        f"file '{name}' was not found in the Nix search path (add it using $NIX_PATH or -I)")
