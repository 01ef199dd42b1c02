"""Errors that reach users, printed the way Nix 2.8 prints them.

Every layer raises a NixError with a message and, where one is known, the
position it concerns; the command line prints it as Nix does: the message,
the `at FILE:LINE:COL:` line and a code frame of the lines around it.

Messages are Nix byte strings (see nixlite.bytestr): source lines and file
names appear in them byte for byte.
"""

import bisect
import os
import re

from nixlite.bytestr import from_utf8

NEWLINE_RE = re.compile(r"\r\n|\r|\n")

STDIN_NAME = from_utf8("«stdin»")
TRACE_MARK = from_utf8("…")
STRING_NAME = from_utf8("«string»")


class Origin:
    """Where a piece of source text came from, and how to locate offsets in it.

    `kind` is "file", "stdin", "string" or "virtual". A file's `name` is its absolute
    path (a Nix byte string); Nix shows positions in text from stdin or `-E`
    as «stdin» and «string» after `at`, and as (string) inside messages.
    Positions in the AST are byte offsets into `text`.
    """

    __slots__ = ("kind", "name", "text", "_line_starts")

    def __init__(self, kind, name, text):
        self.kind = kind
        self.name = name
        self.text = text
        self._line_starts = None

    def __reduce__(self):
        return (Origin, (self.kind, self.name, self.text))

    @classmethod
    def virtual(cls, name, line, col):
        """A place in a file that does not exist to read (Nix's built-in
        Nix code): errors there show a position but no code frame."""
        return cls("virtual", name, "\n" * (line - 1) + " " * (col - 1))

    @property
    def at_name(self):
        return {"file": self.name, "virtual": self.name, "stdin": STDIN_NAME, "string": STRING_NAME}[self.kind]

    @property
    def message_name(self):
        return self.name if self.kind in ("file", "virtual") else "(string)"

    def line_col(self, offset):
        """Line and column (from 1) of a byte offset, as Nix's scanner counts:
        LF, CR and CR LF each end a line."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in NEWLINE_RE.finditer(self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def describe(self, offset):
        """`FILE:LINE:COL` as Nix writes a position inside a message."""
        line, col = self.line_col(offset)
        return f"{self.message_name}:{line}:{col}"

    def lines(self):
        """The source lines as Nix numbers them for code frames.

        Nix reads a file line by line and only counts lines that a newline
        ends (so an error on an unterminated last line gets no frame, as in
        Nix); text from stdin or -E is split at every newline.
        """
        if self.kind == "virtual":
            return []
        lines = self.text.split("\n")
        if self.kind == "file":
            lines.pop()
        return lines


class NixError(Exception):
    """An error with a message and an optional position, printable as Nix does.

    `suggestions` are names Nix offers as "Did you mean ...?"; `traces` are
    (origin, offset, message) frames of context, which Nix only lists with
    --show-trace and otherwise announces with a hint line.
    """

    def __init__(self, message, origin=None, offset=0):
        super().__init__(message)
        self.message = message
        self.origin = origin
        self.offset = offset
        self.suggestions = ()
        self.traces = []
        self.usage = False

    def as_usage(self):
        """Print as Nix prints usage errors: the lines as they are."""
        self.usage = True
        return self

    def report(self):
        """The message as Nix prints it, as Unicode text."""
        return self.render().encode("latin-1").decode("utf-8", "replace")

    def render(self, show_trace=False, terminal=None):
        """The message as Nix prints it, as a Nix byte string; with
        show_trace, followed by its traces, innermost first. Nix's logger
        filters escape sequences out of it, keeping colours on a terminal
        (`terminal`; by default, whether stderr is one)."""
        first, *more = self.message.split("\n")
        out = [f"error: {first}"]
        if self.usage:
            out += more
        elif more:
            # Nix indents the further lines of a message.
            out += [("       " + line).rstrip() for line in more]
        # Whether the last line is an `at` line with no code under it (a
        # place Nix cannot read): Nix starts the next trace right below it.
        bare = False
        if self.origin is not None:
            bare = self._at(out, self.origin, self.offset)
        if self.suggestions:
            out.append("       " + did_you_mean(self.suggestions))
            bare = False
        if self.traces and not show_trace:
            out.append("(use '--show-trace' to show detailed location information)")
        if show_trace:
            for origin, offset, message in self.traces:
                out += [f"       {TRACE_MARK} {message}"] if bare else ["", f"       {TRACE_MARK} {message}"]
                bare = False
                if origin is not None:
                    bare = self._at(out, origin, offset)
        if terminal is None:
            terminal = stderr_is_terminal()
        return filter_escapes("\n".join(out), keep_colours=terminal) + "\n"


    @staticmethod
    def _at(out, origin, offset):
        """Add the `at` line of a position and its code frame; whether there
        was no frame."""
        line, col = origin.line_col(offset)
        frame = code_frame(origin, line, col)
        out += ["", f"       at {origin.at_name}:{line}:{col}:", *frame]
        return not frame


def did_you_mean(suggestions):
    if len(suggestions) == 1:
        return f"Did you mean {suggestions[0]}?"
    return f"Did you mean one of {', '.join(suggestions[:-1])} or {suggestions[-1]}?"


def levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def best_matches(candidates, query, limit=5, max_distance=2):
    """Nix's suggestions: the closest candidates by edit distance."""
    ranked = sorted((levenshtein(query, c), c) for c in set(candidates))
    return [c for d, c in ranked[:limit] if d <= max_distance]


# What makes filter_escapes do more than copy.
_FILTERED_RE = re.compile("[\x1b\t\r\x07]")


def filter_escapes(text, keep_colours=False):
    """A message as Nix's logger writes it (its filterANSIEscapes): escape
    sequences removed (with `keep_colours`, which Nix sets when stderr is a
    terminal, the CSI ones ending in `m` are kept), CR and BEL dropped, and
    tabs expanded to the next multiple of 8 characters counted from the start
    of the whole message (newlines included; a UTF-8 sequence counts as one).

    An escape is ESC `[`, any parameter bytes (0x30-0x3F), any intermediate
    bytes (0x20-0x2F) and a final byte (0x40-0x7E) if there is one; or ESC
    and one byte in 0x40-0x5F if that follows; or ESC alone.
    """
    if not _FILTERED_RE.search(text):
        return text
    out, width, i, n = [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\x1b":
            start = i
            i += 1
            last = None
            if i < n and text[i] == "[":
                i += 1
                while i < n and "\x30" <= text[i] <= "\x3f":
                    i += 1
                while i < n and "\x20" <= text[i] <= "\x2f":
                    i += 1
                if i < n and "\x40" <= text[i] <= "\x7e":
                    last = text[i]
                    i += 1
            elif i < n and "\x40" <= text[i] <= "\x5f":
                i += 1
            if keep_colours and last == "m":
                out.append(text[start:i])
        elif c == "\t":
            pad = 8 - width % 8
            out.append(" " * pad)
            width += pad
            i += 1
        elif c == "\r" or c == "\x07":
            i += 1
        else:
            # One character: a UTF-8 lead byte and the continuation bytes
            # it announces that are there.
            lead = ord(c)
            more = 1 if lead & 0xE0 == 0xC0 else 2 if lead & 0xF0 == 0xE0 else 3 if lead & 0xF8 == 0xF0 else 0
            end = i + 1
            while more and end < n and 0x80 <= ord(text[end]) < 0xC0:
                end += 1
                more -= 1
            out.append(text[i:end])
            width += 1
            i = end
    return "".join(out)


def stderr_is_terminal():
    """Whether Nix would treat stderr as a terminal (its isTTY): one, with
    TERM set and not "dumb", and NO_COLOR unset."""
    term = os.environ.get("TERM", "dumb")
    try:
        tty = os.isatty(2)
    except OSError:
        tty = False
    return tty and term != "dumb" and "NO_COLOR" not in os.environ


def code_frame(origin, line, col):
    """The lines before, at and after `line`, with a caret under `col`."""
    lines = origin.lines()
    if not 1 <= line <= len(lines):
        return []
    frame = [""]
    if line >= 2:
        frame.append(f"        {line - 1:5d}| {lines[line - 2]}".rstrip())
    frame.append(f"        {line:5d}| {lines[line - 1]}".rstrip())
    frame.append("             |" + " " * col + "^")
    if line < len(lines):
        frame.append(f"        {line + 1:5d}| {lines[line]}".rstrip())
    return frame
