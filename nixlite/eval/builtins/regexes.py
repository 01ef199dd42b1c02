"""builtins.match and builtins.split, with POSIX extended regexes (the
regex machinery is loaded on first use: most evaluations never need it)."""

from nixlite.eval.builtins.registry import primop
from nixlite.eval.errors import EvalError
from nixlite.eval.ops import force_string, force_string_no_ctx


def _invalid(pattern):
    return EvalError(f"invalid regular expression '{pattern}'")


@primop("match", 2)
def match(pattern, s):
    from nixlite.eval.posix_regex import InvalidRegex, fullmatch

    pattern, text = str(force_string_no_ctx(pattern)), str(force_string(s))
    try:
        groups = fullmatch(pattern, text)
    except InvalidRegex:
        raise _invalid(pattern) from None
    return None if groups is None else list(groups)


@primop("split", 2)
def split(pattern, s):
    from nixlite.eval.posix_regex import InvalidRegex, finditer

    pattern, text = str(force_string_no_ctx(pattern)), str(force_string(s))
    out = []
    last = 0
    try:
        for start, end, groups in finditer(pattern, text):
            out.append(text[last:start])
            out.append(list(groups))
            last = end
    except InvalidRegex:
        raise _invalid(pattern) from None
    out.append(text[last:])
    return out
