"""The builtins that make store objects: derivationStrict and derivation
(what Nix's derivation.nix wrapper makes of its result), builtins.toFile,
builtins.path and filterSource, and the copying of paths used in strings.

They compute exactly the paths Nix computes. What they make is recorded in
`STORE` (derivations, text files, sources to copy), from which later steps
write the store; input derivations are read back from there when their
modulo hashes are needed.
"""

import os
import stat

from nixlite import deps
from nixlite.bytestr import from_os, to_os
from nixlite.diagnostics import Origin
from nixlite.eval.builtins.registry import SERVICES, primop
from nixlite.eval.errors import EvalError
from nixlite.eval.builtins.files import real_path
from nixlite.eval.ops import (
    call, coerce_to_string, context_not_allowed, force_attrs, force_bool, force_function, force_list,
    force_string, force_string_no_ctx, missing_for_call,
)
from nixlite.eval.values import Attrs, Thunk, context_of, force, make_string
from nixlite.hashing import is_store_path, parse_hash
from nixlite.store import paths
from nixlite.store.derivation import Derivation, Output, hash_modulo
from nixlite.store.nar import nar_hash


class StoreState:
    """What evaluation has put in the store, by path."""

    def __init__(self, store_dir=paths.STORE_DIR):
        self.store_dir = store_dir
        self.derivations = {}   # .drv path -> Derivation
        self.texts = {}         # path -> (text, references)
        self.sources = {}       # path -> file system path to copy
        self.modulo = {}        # .drv path -> modulo hash digest
        self.added = {}         # (path, name, recursive) -> store path, unfiltered copies

    def lookup(self, drv_path):
        drv = self.derivations.get(drv_path)
        if drv is None:
            raise EvalError(f"derivation '{drv_path}' is not known to this evaluation")
        return drv

    def closure(self, path):
        """The path and everything it refers to, transitively."""
        seen, todo = set(), [path]
        while todo:
            p = todo.pop()
            if p in seen:
                continue
            seen.add(p)
            if p in self.derivations:
                todo.extend(self.derivations[p].references())
            elif p in self.texts:
                todo.extend(self.texts[p][1])
        return seen


STORE = StoreState()


def _name_error(message, pos):
    error = EvalError(message)
    if pos is not None:
        error.at(*pos).pin()
    return error


def derivation_strict(attrs):
    attrs = force_attrs(attrs)
    items = attrs.items
    positions = attrs.positions or {}
    if "name" not in items:
        raise missing_for_call("name", attrs, "derivationStrict")
    name_pos = positions.get("name")
    try:
        name = force_string(items["name"])
        if context_of(name):
            raise context_not_allowed(name).at(STRICT_CALL, len(STRICT_CALL.text))
    except EvalError as e:
        e.add_trace(*(name_pos or (None, 0)), "while evaluating the derivation attribute 'name'")
        raise
    name = str(name)
    structured = "__structuredAttrs" in items and force_bool(items["__structuredAttrs"])
    ignore_nulls = "__ignoreNulls" in items and force_bool(items["__ignoreNulls"])

    drv = Derivation(name)
    context = set()
    output_hash = None
    output_hash_algo = ""
    recursive = False
    outputs = ["out"]
    json_fields = {}

    def set_outputs(names):
        nonlocal outputs
        outputs = []
        for output in names:
            if output in outputs:
                raise _name_error(f"duplicate derivation output '{output}'", name_pos)
            if output == "drv":
                raise _name_error("invalid derivation output name 'drv'", name_pos)
            outputs.append(output)
        if not outputs:
            raise _name_error("derivation cannot have an empty set of outputs", name_pos)

    for key in sorted(items):
        if key == "__ignoreNulls":
            continue
        value = items[key]
        try:
            if ignore_nulls and force(value) is None:
                continue
            if key == "args":
                drv.args = [coerce_to_string(a, context, coerce_more=True) for a in force_list(value)]
                continue
            if structured:
                if key == "__structuredAttrs":
                    continue
                from nixlite.eval.builtins.json import to_json
                json_fields[key] = to_json(value, context)
                text = None
                if key in ("builder", "system", "outputHash", "outputHashAlgo", "outputHashMode"):
                    text = str(force_string(value))
                if key == "outputs":
                    set_outputs([str(force_string(o)) for o in force_list(value)])
            else:
                text = coerce_to_string(value, context, coerce_more=True)
                drv.env[key] = text
                if key == "outputs":
                    set_outputs(text.split())
            if key == "builder":
                drv.builder = text
            elif key == "system":
                drv.platform = text
            elif key == "outputHash":
                output_hash = text
            elif key == "outputHashAlgo":
                output_hash_algo = text
            elif key == "outputHashMode":
                if text not in ("recursive", "flat"):
                    raise _name_error(f"invalid value '{text}' for 'outputHashMode' attribute", name_pos)
                recursive = text == "recursive"
        except EvalError as e:
            if key in positions:
                e.at(*positions[key])
            e.add_trace(*(name_pos or (None, 0)),
                        f"while evaluating the attribute '{key}' of the derivation '{name}'")
            raise

    if structured:
        from nixlite.eval.builtins.json import json_string
        drv.env["__json"] = "{" + ",".join(
            json_string(k) + ":" + v for k, v in sorted(json_fields.items())) + "}"

    for element in context:
        if element.startswith("="):
            for path in STORE.closure(element[1:]):
                drv.input_srcs.add(path)
                if path.endswith(".drv"):
                    drv.input_drvs[path] = set(STORE.lookup(path).outputs)
        elif element.startswith("!"):
            output, _, drv_path = element[1:].partition("!")
            drv.input_drvs.setdefault(drv_path, set()).add(output)
        else:
            drv.input_srcs.add(element)

    if not drv.builder:
        raise _name_error("required attribute 'builder' missing", name_pos)
    if not drv.platform:
        raise _name_error("required attribute 'system' missing", name_pos)
    if name.endswith(".drv"):
        raise _name_error("derivation names are not allowed to end in '.drv'", name_pos)

    try:
        return _finish(drv, name, name_pos, outputs, output_hash, output_hash_algo, recursive)
    except paths.InvalidName as e:
        raise EvalError(str(e)).add_trace(None, 0, f"while evaluating the derivation '{name}'") from None


def _finish(drv, name, name_pos, outputs, output_hash, output_hash_algo, recursive):
    """Compute the output paths and the .drv path, and record the .drv."""
    if output_hash is not None:
        if outputs != ["out"]:
            raise _name_error("multiple outputs are not supported in fixed-output derivations", name_pos)
        try:
            algo, digest = parse_hash(output_hash, output_hash_algo or None)
        except ValueError as e:
            raise EvalError(str(e)) from None
        out_path = paths.make_fixed_output_path(recursive, algo, digest, name, STORE.store_dir)
        drv.env["out"] = out_path
        drv.outputs["out"] = Output(out_path, ("r:" if recursive else "") + algo, digest.hex())
    else:
        for output in outputs:
            drv.env[output] = ""
            drv.outputs[output] = Output("")
        digest = hash_modulo(drv, True, STORE.lookup, STORE.modulo)
        for output in outputs:
            path = paths.make_output_path(output, digest, name, STORE.store_dir)
            drv.env[output] = path
            drv.outputs[output] = Output(path)

    text = drv.unparse()
    drv_path = paths.make_text_path(name + ".drv", text, drv.references(), STORE.store_dir)
    STORE.derivations[drv_path] = drv
    STORE.texts[drv_path] = (text, drv.references())

    result = {"drvPath": make_string(drv_path, {"=" + drv_path})}
    for output, out in drv.outputs.items():
        result[output] = make_string(out.path, {f"!{output}!{drv_path}"})
    return Attrs(result)


primop("derivationStrict", 1)(derivation_strict)


@primop("derivation", 1)
def derivation(attrs):
    """builtins.derivation: what Nix's own derivation.nix wrapper around
    derivationStrict returns, built directly. One set per output, each the
    attributes passed in plus all the outputs' sets, `all`, `drvAttrs`, and
    its own outPath, drvPath, type and outputName; the paths stay lazy, as
    `builtins.getAttr name strict` does in Nix."""
    attrs = force_attrs(attrs)
    strict = Thunk(_call_strict, attrs)
    if "outputs" in attrs.items:
        names = [force_string(n) for n in force_list(attrs.items["outputs"])]
    else:
        names = ["out"]
    if not names:
        # Where Nix's own derivation.nix takes the first output.
        raise EvalError("list index 0 is out of bounds", DERIVATION_NIX, len(DERIVATION_NIX.text))
    per_output = [Attrs(None) for _ in names]
    common = dict(attrs.items)
    for i, (name, value) in enumerate(zip(names, per_output)):
        # Only the first output's set is evaluated to make the result; the
        # others wait in thunks, as in Nix (which shows in --eval output).
        common[str(name)] = value if i == 0 else evaluated_later(value)
    common["all"] = Thunk(lambda env: list(env), per_output)
    common["drvAttrs"] = attrs
    drv_path = Thunk(_select_lazy, (strict, "drvPath"))
    for name, value in zip(names, per_output):
        value.items = dict(common)
        value.items.update(
            outPath=Thunk(_get_attr_lazy, (name, strict)),
            drvPath=drv_path,
            type="derivation",
            outputName=name,
        )
    return per_output[0]


DERIVATION_NIX = Origin.virtual("//builtin/derivation.nix", 28, 5)
# Where derivation.nix calls derivationStrict.
STRICT_CALL = Origin.virtual("//builtin/derivation.nix", 9, 12)


def evaluated_later(value):
    return Thunk(lambda env: env, value)


def _call_strict(attrs):
    return derivation_strict(attrs)


def _select_lazy(env):
    strict, name = env
    return force(force(strict).items[name])


def _get_attr_lazy(env):
    name, strict = env
    result = force(strict)
    name = str(force_string(name))
    if name not in result.items:
        raise EvalError(f"attribute '{name}' missing for call to 'getAttr'")
    return force(result.items[name])


@primop("toFile", 2)
def to_file(name, contents):
    name = str(force_string_no_ctx(name))
    contents = force_string(contents)
    references = set()
    for element in sorted(context_of(contents)):
        if element.startswith(("=", "!")):
            raise EvalError(f"in 'toFile': the file named '{name}' must not contain a reference "
                            f"to a derivation but contains ({element})")
        references.add(element)
    try:
        path = paths.make_text_path(name, str(contents), references, STORE.store_dir)
    except paths.InvalidName as e:
        raise EvalError(str(e)).pin() from None
    STORE.texts[path] = (str(contents), references)
    return make_string(path, {path})


class Source:
    """A file system object to copy into the store: the whole of it
    (`recursive`, as a NAR, with an optional filter) or one flat file."""

    __slots__ = ("path", "filter", "recursive")

    def __init__(self, path, filter=None, recursive=True):
        self.path, self.filter, self.recursive = path, filter, recursive


def add_path(path, name=None, filter=None, recursive=True, expected=None):
    """The store path of a file system object, as Nix's addToStore: a NAR
    (filtered) hashed into a `source` path, or a flat file's hash into a
    fixed-output path; `expected` is a (algo, digest) it must match."""
    name = name if name is not None else path.rstrip("/").rsplit("/", 1)[-1]
    key = (path, name, recursive)
    if filter is None and expected is None and key in STORE.added:
        # Nix reads a path once per evaluation, too.
        return STORE.added[key]
    os_path = os.fsencode(to_os(path))
    try:
        if recursive:
            nar_filter = filter
            if deps.RECORD[0] is not None:
                deps.entry_seen(os_path)
                nar_filter = _noting(filter)
            digest, _size = nar_hash(os_path, nar_filter)
            store_path = paths.make_fixed_output_path(True, "sha256", digest, name, STORE.store_dir)
        else:
            import hashlib
            with open(os_path, "rb") as f:
                data = f.read()
                deps.file_read(os_path, f.fileno(), len(data))
                digest = hashlib.sha256(data).digest()
            store_path = paths.make_fixed_output_path(False, "sha256", digest, name, STORE.store_dir)
    except OSError as e:
        raise EvalError(f"getting status of '{path}': {e.strerror}") from None
    except paths.InvalidName as e:
        raise EvalError(str(e)) from None
    if expected is not None:
        algo, want = expected
        wanted_path = paths.make_fixed_output_path(recursive, algo, want, name, STORE.store_dir)
        if wanted_path != store_path:
            raise EvalError(f"store path mismatch in (possibly filtered) path added from '{path}'")
    STORE.sources[store_path] = Source(path, filter, recursive)
    if filter is None:
        STORE.added[key] = store_path
    return store_path


def _noting(filter):
    """`filter`, noting for the evaluation cache each entry it keeps."""
    def keep(child):
        if filter is None or filter(child):
            deps.entry_seen(child)
            return True
        return False
    return keep


def copy_path_to_store(path):
    """A path used in a string: its store path (the copy itself is made
    when the store is written)."""
    return add_path(path)


SERVICES["copy_path_to_store"] = copy_path_to_store


def _nix_filter(fn):
    """A NAR filter calling the Nix function `fn path type`."""
    if fn is None:
        return None

    def keep(child):
        st = os.lstat(child)
        kind = ("symlink" if stat.S_ISLNK(st.st_mode) else "directory" if stat.S_ISDIR(st.st_mode)
                else "regular" if stat.S_ISREG(st.st_mode) else "unknown")
        return force_bool(call(fn, from_os(os.fsdecode(child)), kind))
    return keep


@primop("path", 1)
def path_primop(args):
    args = force_attrs(args)
    items = args.items
    if "path" not in items:
        raise EvalError("missing required 'path' attribute in the first argument to builtins.path")
    path = real_path(items["path"])
    name = str(force_string(items["name"])) if "name" in items else None
    filter_fn = force_function(items["filter"]) if "filter" in items else None
    recursive = force_bool(items["recursive"]) if "recursive" in items else True
    expected = None
    if "sha256" in items:
        try:
            expected = parse_hash(str(force_string(items["sha256"])), "sha256")
        except ValueError as e:
            raise EvalError(str(e)) from None
    store_path = add_path(path, name, _nix_filter(filter_fn), recursive, expected)
    return make_string(store_path, {store_path})


@primop("filterSource", 2)
def filter_source(fn, path):
    store_path = add_path(real_path(path), None, _nix_filter(force_function(fn)))
    return make_string(store_path, {store_path})


@primop("storePath", 1)
def store_path_primop(path):
    text = coerce_to_string(path, set(), copy_to_store=False)
    if not is_store_path(text, STORE.store_dir):
        raise EvalError(f"path '{text}' is not in the Nix store")
    return make_string(text, {text})
