"""Values as XML, as builtins.toXML and `--xml` write them (Nix 2.8)."""

from nixlite.eval.values import DERIVATION_NIX_LAMBDA, Attrs, Lambda, NixPath, StrCtx, Thunk, force, is_nix_written

_ESCAPES = {"<": "&lt;", "&": "&amp;", '"': "&quot;", ">": "&gt;", "\n": "&#xA;"}


def _escape(text):
    return "".join(_ESCAPES.get(c, c) for c in text)


class _Writer:
    def __init__(self):
        self.lines = []
        self.depth = 0

    def _tag(self, tag, attrs):
        inner = "".join(f' {k}="{_escape(str(v))}"' for k, v in sorted(attrs.items()))
        return f"{'  ' * self.depth}<{tag}{inner}"

    def empty(self, tag, attrs=None):
        self.lines.append(self._tag(tag, attrs or {}) + " />")

    def open(self, tag, attrs=None):
        self.lines.append(self._tag(tag, attrs or {}) + ">")
        self.depth += 1

    def close(self, tag):
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}</{tag}>")


def to_xml(value, strict=True, location=False):
    writer = _Writer()
    writer.lines.append("<?xml version='1.0' encoding='utf-8'?>")
    writer.open("expr")
    _value(writer, value, strict, location, set())
    writer.close("expr")
    return "\n".join(writer.lines) + "\n"


def _value(w, value, strict, location, drvs_seen):
    if value.__class__ is Thunk:
        if not strict and not value.forced:
            w.empty("unevaluated")
            return
        value = force(value)
    cls = value.__class__
    if cls is int:
        w.empty("int", {"value": value})
    elif cls is bool:
        w.empty("bool", {"value": "true" if value else "false"})
    elif cls is str or cls is StrCtx:
        w.empty("string", {"value": value})
    elif cls is NixPath:
        w.empty("path", {"value": value.path})
    elif value is None:
        w.empty("null")
    elif cls is float:
        w.empty("float", {"value": "%g" % value})
    elif cls is list:
        w.open("list")
        for item in value:
            _value(w, item, strict, location, drvs_seen)
        w.close("list")
    elif cls is Attrs:
        _attrs(w, value, strict, location, drvs_seen)
    elif cls is Lambda:
        _function(w, value, location)
    elif is_nix_written(value):
        # derivation.nix's lambda, as Nix shows it.
        w.open("function", _location(*DERIVATION_NIX_LAMBDA) if location else None)
        w.open("attrspat", {"ellipsis": "1", "name": "drvAttrs"})
        w.empty("attr", {"name": "outputs"})
        w.close("attrspat")
        w.close("function")
    else:
        w.empty("unevaluated")


def _attrs(w, value, strict, location, drvs_seen):
    if not value.is_derivation():
        w.open("attrs")
        _attr_list(w, value, strict, location, drvs_seen)
        w.close("attrs")
        return
    attrs = {}
    drv_path = ""
    for key, name in (("drvPath", "drvPath"), ("outPath", "outPath")):
        if name in value.items:
            item = force(value.items[name]) if strict else value.items[name]
            if item.__class__ in (str, StrCtx):
                attrs[key] = item
                if key == "drvPath":
                    drv_path = item
    w.open("derivation", attrs)
    if drv_path and drv_path not in drvs_seen:
        drvs_seen.add(drv_path)
        _attr_list(w, value, strict, location, drvs_seen)
    else:
        w.empty("repeated")
    w.close("derivation")


def _attr_list(w, value, strict, location, drvs_seen):
    for name in sorted(value.items):
        attrs = {"name": name}
        if location and value.positions and name in value.positions:
            attrs.update(_location(*value.positions[name]))
        w.open("attr", attrs)
        _value(w, value.items[name], strict, location, drvs_seen)
        w.close("attr")


def _location(origin, offset):
    """A position as XML attributes: Nix names text given with -E by the
    text itself."""
    line, col = origin.line_col(offset)
    return {"line": line, "column": col, "path": origin.text if origin.kind in ("string", "stdin") else origin.name}


def _function(w, value, location):
    w.open("function", _location(value.module.origin, value.node.pos) if location else None)
    formals = value.node.formals
    if formals is None:
        w.empty("varpat", {"name": value.node.arg})
    else:
        attrs = {}
        if formals.ellipsis:
            attrs["ellipsis"] = "1"
        if value.node.arg is not None:
            attrs["name"] = value.node.arg
        w.open("attrspat", attrs)
        for name in sorted(f.name for f in formals.formals):
            w.empty("attr", {"name": name})
        w.close("attrspat")
    w.close("function")
