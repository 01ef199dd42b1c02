"""The error parsing raises: a syntax error or a static error found while
parsing (duplicate attributes, undefined variables)."""

from nixlite.diagnostics import NixError


class ParseError(NixError):
    """A syntax error or a static error found while parsing."""
