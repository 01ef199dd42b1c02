"""Builtins about string contexts: the store paths a string refers to.

A context element is a store path ("/nix/store/…"), "=DRV" for all the
outputs of a derivation, or "!OUT!DRV" for one output, as in Nix.
"""

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import force_attrs, force_bool, force_list, force_string, force_string_no_ctx
from nixlite.eval.values import Attrs, context_of, make_string
from nixlite.hashing import base32, is_store_path, sha256
from nixlite.storedir import STORE_DIR



@primop("getContext", 1)
def get_context(s):
    info = {}
    for element in context_of(force_string(s)):
        if element.startswith("="):
            info.setdefault(element[1:], {})["allOutputs"] = True
        elif element.startswith("!"):
            output, _, drv = element[1:].partition("!")
            info.setdefault(drv, {}).setdefault("outputs", []).append(output)
        else:
            info.setdefault(element, {})["path"] = True
    result = {}
    for path, entry in info.items():
        if "outputs" in entry:
            entry["outputs"] = sorted(entry["outputs"])
        result[path] = Attrs(entry)
    return Attrs(result)


@primop("appendContext", 2)
def append_context(s, context):
    s = force_string(s)
    elements = set(context_of(s))
    attrs = force_attrs(context)
    for path in sorted(attrs.items):
        if not is_store_path(path, STORE_DIR):
            error = EvalError(f"Context key '\"{path}\"' is not a store path")
            if attrs.positions and path in attrs.positions:
                error.at(*attrs.positions[path]).pin()
            raise error
        entry = force_attrs(attrs.items[path])
        if "path" in entry.items and force_bool(entry.items["path"]):
            elements.add(path)
        if "allOutputs" in entry.items and force_bool(entry.items["allOutputs"]):
            if not path.endswith(".drv"):
                raise EvalError(f"Tried to add all-outputs context of {path}, which is not a derivation, to a string")
            elements.add("=" + path)
        if "outputs" in entry.items:
            outputs = force_list(entry.items["outputs"])
            if outputs and not path.endswith(".drv"):
                raise EvalError(f"Tried to add derivation output context of {path}, which is not a derivation, to a string")
            for output in outputs:
                elements.add(f"!{force_string(output)}!{path}")
    return make_string(str(s), elements)


@primop("unsafeDiscardOutputDependency", 1)
def unsafe_discard_output_dependency(s):
    s = force_string(s)
    elements = {e[1:] if e.startswith("=") else e for e in context_of(s)}
    return make_string(str(s), elements)


@primop("placeholder", 1)
def placeholder(output):
    name = str(force_string_no_ctx(output))
    return "/" + base32(sha256(("nix-output:" + name).encode("latin-1")))
