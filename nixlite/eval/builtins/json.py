"""Serialisations: builtins.toJSON, fromJSON, toXML and fromTOML, as Nix 2.8."""


from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import CALL_SITE, EvalError
from nixlite.eval.ops import coerce_to_string, force_string_no_ctx
from nixlite.eval.values import (
    DERIVATION_NIX_LAMBDA, Attrs, Lambda, NixPath, StrCtx, Thunk, describe, force, is_nix_written, make_string,
)

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


def to_json(value, context, strict=True, out=None):
    """The JSON text of a value, as Nix writes it (no spaces, sorted keys).

    Without `strict`, a value not evaluated yet is an error, as in Nix; the
    text written before it is left in `out`, which Nix prints too.
    """
    out = [] if out is None else out
    _write_json(value, context, strict, out, (CALL_SITE, 0))
    return "".join(out)


def _cannot_convert(error, where, own=None):
    """Nix's error for a value JSON cannot hold: at the value's own position
    (`own`, a function's) or else at `where`, with a trace at `where`.

    `where` is the position Nix passes down: the call's at the top, an
    attribute's for its value, unchanged into lists; None where an
    attribute has no position (then neither has the error).
    """
    if own is not None:
        error.at(*own).pin()
    elif where is None:
        error.pin()
    elif where[0] is not CALL_SITE:
        error.at(*where).pin()
    raise error.add_trace(*(where or (None, 0)), "message for the trace")


def _write_json(value, context, strict, out, where):
    if value.__class__ is Thunk and not value.forced and not strict:
        _cannot_convert(EvalError("cannot convert a thunk to JSON"), where)
    value = force(value)
    cls = value.__class__
    if value is None:
        out.append("null")
    elif cls is bool:
        out.append("true" if value else "false")
    elif cls is int:
        out.append(str(value))
    elif cls is float:
        out.append("%g" % value)
    elif cls is str or cls is StrCtx or cls is NixPath:
        out.append(json_string(coerce_to_string(value, context)))
    elif cls is list:
        out.append("[")
        try:
            for i, item in enumerate(value):
                if i:
                    out.append(",")
                _write_json(item, context, strict, out, where)
        finally:
            out.append("]")  # Nix's JSON writer closes what it opened, even on errors
    elif cls is Attrs and "__toString" in value.items:
        out.append(json_string(coerce_to_string(value, context)))
    elif cls is Attrs and "outPath" in value.items:
        _write_json(value.items["outPath"], context, strict, out, (value.positions or {}).get("outPath"))
    elif cls is Attrs:
        out.append("{")
        positions = value.positions or {}
        try:
            for i, name in enumerate(sorted(value.items)):
                if i:
                    out.append(",")
                out.append(json_string(name) + ":")
                _write_json(value.items[name], context, strict, out, positions.get(name))
        finally:
            out.append("}")
    else:
        error = EvalError(f"cannot convert {describe(value)} to JSON")
        if cls is Lambda:
            _cannot_convert(error, where, (value.module.origin, value.node.pos))
        _cannot_convert(error, where, DERIVATION_NIX_LAMBDA if is_nix_written(value) else None)


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
    from nixlite.eval.json_reader import JSONError, parse_json

    try:
        return parse_json(str(force_string_no_ctx(s)))
    except JSONError as e:
        # Nix passes on the JSON library's message as it is.
        error = EvalError(str(e)).pin()
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

    text = str(force_string_no_ctx(s)).encode("latin-1").decode("utf-8", "surrogateescape")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise EvalError(f"while parsing a TOML string: {e}") from None
    return from_data(data)
