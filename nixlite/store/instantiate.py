"""`nixlite instantiate`: evaluate, find the derivations, write their .drv
closures into nixlite's store (as `nix-instantiate` does) and return the
.drv paths."""

from nixlite.eval.errors import EvalError
from nixlite.eval.ops import force_bool
from nixlite.eval.values import Attrs, force
from nixlite.store.builtins import STORE


def find_derivations(value):
    """The derivations `nix-instantiate` builds from a value: the value
    itself, or those among a set's attributes (sorted; sets marked with
    recurseForDerivations are searched too) or a list's elements."""
    value = force(value)
    found = []
    if value.__class__ is Attrs and value.is_derivation():
        found.append(value)
    elif value.__class__ is Attrs:
        for name in sorted(value.items):
            item = force(value.items[name])
            if item.__class__ is Attrs and item.is_derivation():
                found.append(item)
            elif item.__class__ is Attrs and "recurseForDerivations" in item.items \
                    and force_bool(item.items["recurseForDerivations"]):
                found.extend(find_derivations(item))
    elif value.__class__ is list:
        for item in value:
            found.extend(find_derivations(item))
    else:
        raise EvalError("expression does not evaluate to a derivation (or a set or list of those)")
    return found


def write_closure(store, path, state=STORE):
    """Make `path` and everything it refers to valid in `store`."""
    done = set()

    def write(p):
        if p in done or store.is_valid(p):
            done.add(p)
            return
        done.add(p)
        if p in state.texts:
            text, references = state.texts[p]
            for ref in sorted(references):
                write(ref)
            store.add_text(p, text, references)
        elif p in state.sources:
            source = state.sources[p]
            store.add_source(p, source.path, source.filter, source.recursive)
        else:
            raise KeyError(p)
    write(path)


def instantiate(store, value):
    """The .drv paths of the derivations in `value`, written to `store`,
    as nix-instantiate prints them (`DRV!OUTPUT` for an output other than
    `out`)."""
    printed = []
    with store.batch():
        for drv in find_derivations(value):
            drv_path = str(force(drv.items["drvPath"]))
            write_closure(store, drv_path)
            output = str(force(drv.items["outputName"])) if "outputName" in drv.items else "out"
            printed.append(drv_path if output == "out" else f"{drv_path}!{output}")
    return printed
