"""Serialisations: builtins.toJSON, fromJSON, toXML and fromTOML, as Nix 2.8."""


from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import CALL_SITE, EvalError
from nixlite.eval.ops import coerce_to_string, force_string
from nixlite.eval.values import Attrs, Lambda, NixPath, StrCtx, describe, force, make_string

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def json_string(s):
    out = ['"']
    for c in s:
        escaped = _ESCAPES.get(c)
        if escaped is not None:
            out.append(escaped)
        elif ord(c) < 0x20:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def to_json(value, context):
    """The JSON text of a value, as Nix writes it (no spaces, sorted keys)."""
    value = force(value)
    cls = value.__class__
    if value is None:
        return "null"
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return str(value)
    if cls is float:
        return "%g" % value
    if cls is str or cls is StrCtx:
        return json_string(coerce_to_string(value, context))
    if cls is NixPath:
        return json_string(coerce_to_string(value, context))
    if cls is list:
        return "[" + ",".join(to_json(item, context) for item in value) + "]"
    if cls is Attrs:
        if "__toString" in value.items:
            return json_string(coerce_to_string(value, context))
        if "outPath" in value.items:
            return to_json(value.items["outPath"], context)
        return "{" + ",".join(
            json_string(name) + ":" + to_json(value.items[name], context)
            for name in sorted(value.items)) + "}"
    error = EvalError(f"cannot convert {describe(value)} to JSON")
    if value.__class__ is Lambda:
        error.at(value.module.origin, value.node.pos).pin()
    raise error.add_trace(CALL_SITE, 0, "message for the trace")


@primop("toJSON", 1)
def to_json_primop(value):
    context = set()
    return make_string(to_json(value, context), context)


def from_data(value):
    """Parsed JSON or TOML data as Nix values (text as Nix byte strings)."""
    if isinstance(value, dict):
        return Attrs({k.encode("utf-8").decode("latin-1"): from_data(v) for k, v in value.items()})
    if isinstance(value, list):
        return [from_data(v) for v in value]
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # TOML's dates and times: Nix has no such values.
    raise EvalError("while parsing a TOML string: Dates and times are not supported")


@primop("fromJSON", 1)
def from_json(s):
    import json

    text = str(force_string(s)).encode("latin-1").decode("utf-8", "surrogateescape")
    try:
        return from_data(json.loads(text))
    except (ValueError, RecursionError) as e:
        # Nix words these as its JSON library does; nixlite says it its way.
        error = EvalError(f"cannot parse JSON: {e}").pin()
        raise error.add_trace(CALL_SITE, 0, "while decoding a JSON string") from None


@primop("toXML", 1)
def to_xml_primop(value):
    from nixlite.eval.ops import deep_force
    from nixlite.eval.xml import to_xml
    context = set()
    deep_force(value)
    return make_string(to_xml(value, strict=True), context)


@primop("fromTOML", 1)
def from_toml(s):
    import tomllib

    text = str(force_string(s)).encode("latin-1").decode("utf-8", "surrogateescape")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise EvalError(f"while parsing a TOML string: {e}") from None
    return from_data(data)
