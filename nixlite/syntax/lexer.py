"""The Nix 2.8 lexer, rule for rule as Nix's flex scanner behaves.

Nix's scanner is stateful (strings, indented strings and paths each have
their own start condition) and flex always takes the longest match, the
earlier rule winning a tie. This module reproduces both, and the scanner's
location bookkeeping too: a token's location is where its lexeme starts, and
the end-of-file token sits where the last lexeme (whitespace and comments
included) started, which is where Nix reports "unexpected end of file".

Source text is handled as latin-1 decoded bytes: one character per byte, so
columns count bytes as Nix's do and strings keep Nix's byte semantics.

The lexer never raises: it ends the token list with an ``ERROR`` token that
carries the ParseError, so that a syntax error earlier in the file is still
reported first, as Nix's pull-driven scanner does.
"""

import re

from nixlite.diagnostics import NixError

ID_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*")
INT_RE = re.compile(r"[0-9]+")
FLOAT_RE = re.compile(r"(?:[1-9][0-9]*\.[0-9]*|0?\.[0-9]+)(?:[Ee][+-]?[0-9]+)?")
_PC = r"[a-zA-Z0-9._\-+]"
PATH_RE = re.compile(rf"{_PC}*(?:/{_PC}+)+/?")
PATH_SEG_RE = re.compile(rf"{_PC}*/")
PATH_SEG_INTERP_RE = re.compile(rf"{_PC}*/\$\{{")
HPATH_RE = re.compile(rf"~(?:/{_PC}+)+/?")
HPATH_INTERP_RE = re.compile(r"~/\$\{")
SPATH_RE = re.compile(rf"<{_PC}+(?:/{_PC}+)*>")
URI_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*']+")
PATH_CHARS_RE = re.compile(rf"{_PC}+")
SPACE_RE = re.compile(r"[ \t\r\n]+")
LINE_COMMENT_RE = re.compile(r"#[^\r\n]*")
BLOCK_COMMENT_RE = re.compile(r"/\*(?:[^*]|\*+[^*/])*\*+/")
IND_OPEN_RE = re.compile(r"''(?: *\n)?")
STR_TEXT_RE = re.compile(r'(?:[^$"\\]|\$[^{"\\]|\\[\s\S]|\$\\[\s\S])+')
STR_TEXT_DOLLAR_RE = re.compile(r'(?:[^$"\\]|\$[^{"\\]|\\[\s\S]|\$\\[\s\S])*\$(?=")')
IND_TEXT_RE = re.compile(r"(?:[^$']|\$[^{']|'[^'$])+")
INPATH_TEXT_RE = re.compile(rf"{_PC}*(?:/{_PC}+)+/?|{_PC}*/|{_PC}+")

KEYWORDS = {
    "if": "IF", "then": "THEN", "else": "ELSE", "assert": "ASSERT",
    "with": "WITH", "let": "LET", "in": "IN", "rec": "REC",
    "inherit": "INHERIT", "or": "OR_KW",
}
TWO_CHAR_OPERATORS = {
    "==": "EQ", "!=": "NEQ", "<=": "LEQ", ">=": "GEQ", "&&": "AND",
    "||": "OR", "->": "IMPL", "//": "UPDATE", "++": "CONCAT", "${": "DOLLAR_CURLY",
}
SINGLE_CHARS = {
    ":": "COLON", "{": "LBRACE", "}": "RBRACE", "@": "AT", ";": "SEMI",
    "!": "BANG", "-": "MINUS", "<": "LT", ">": "GT", "?": "QUESTION",
    "+": "PLUS", "*": "STAR", "/": "SLASH", ".": "DOT", '"': "QUOTE",
    "(": "LPAREN", ")": "RPAREN", "[": "LBRACKET", "]": "RBRACKET",
    "=": "ASSIGN", ",": "COMMA",
}
INT_MAX = 2**63 - 1

# The scanner's rules for text that starts like a word or a path, in the
# scanner's order: the longest match wins and the earlier rule wins a tie.
WORD_RULES = [
    ("ELLIPSIS", re.compile(r"\.\.\.")),
    *((kind, re.compile(re.escape(op))) for op, kind in TWO_CHAR_OPERATORS.items()),
    ("ID", ID_RE), ("INT", INT_RE), ("FLOAT", FLOAT_RE),
    ("PATH_INTERP", PATH_SEG_INTERP_RE), ("HPATH_INTERP", HPATH_INTERP_RE),
    ("PATH", PATH_RE), ("HPATH", HPATH_RE), ("SPATH", SPATH_RE), ("URI", URI_RE),
    ("COMMENT", BLOCK_COMMENT_RE),
]

# Start conditions of Nix's scanner.
DEFAULT, STRING, IND_STRING, INPATH, INPATH_SLASH = range(5)


class ParseError(NixError):
    """A syntax error or a static error found while parsing."""


class Token:
    """One token: its bison kind, its semantic value and its location.

    For an ``IND_STR`` the value is a pair (text, has_indentation): text that
    came from an escape does not count as indentation.
    """

    __slots__ = ("kind", "value", "line", "col", "end_line", "end_col")

    def __init__(self, kind, value, line, col, end_line, end_col):
        self.kind = kind
        self.value = value
        self.line = line
        self.col = col
        self.end_line = end_line
        self.end_col = end_col

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r}, {self.line}:{self.col})"


def unescape(s):
    """Undo the backslash escapes of a string and normalise CR/CRLF to LF."""
    if "\\" not in s and "\r" not in s:
        return s
    out = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        i += 1
        if c == "\\" and i < n:
            c = s[i]
            i += 1
            out.append({"n": "\n", "r": "\r", "t": "\t"}.get(c, c))
        elif c == "\r":
            out.append("\n")
            if i < n and s[i] == "\n":
                i += 1
        else:
            out.append(c)
    return "".join(out)


class Lexer:
    """Turns source text into a list of tokens, ending with EOF or ERROR."""

    def __init__(self, text, origin):
        self.text = text
        self.origin = origin
        self.pos = 0
        self.line = self.col = 1
        self.end_line = self.end_col = 1
        self.prev = (1, 1, 1, 1)
        self.states = [DEFAULT]
        self.tokens = []

    # -- location bookkeeping, as the scanner's adjustLoc does -------------

    def advance(self, length):
        """Consume `length` characters and make them the current lexeme."""
        text = self.text
        start = self.pos
        self.prev = (self.line, self.col, self.end_line, self.end_col)
        self.line, self.col = self.end_line, self.end_col
        newlines = text.count("\n", start, start + length) + text.count("\r", start, start + length)
        if newlines:
            line, col = self.end_line, self.end_col
            i, end = start, start + length
            while i < end:
                c = text[i]
                if c == "\r":
                    if i + 1 < len(text) and text[i + 1] == "\n":
                        i += 1
                    line, col = line + 1, 1
                elif c == "\n":
                    line, col = line + 1, 1
                else:
                    col += 1
                i += 1
            self.end_line, self.end_col = line, col
        else:
            self.end_col += length
        self.pos = start + length

    def emit(self, kind, value=None):
        self.tokens.append(Token(kind, value, self.line, self.col, self.end_line, self.end_col))

    def error(self, message):
        err = ParseError(message, self.origin, self.line, self.col)
        self.tokens.append(Token("ERROR", err, self.line, self.col, self.end_line, self.end_col))

    # -- the scanner ---------------------------------------------------------

    def run(self):
        text = self.text
        n = len(text)
        step = {
            DEFAULT: self.step_default,
            STRING: self.step_string,
            IND_STRING: self.step_ind_string,
            INPATH: self.step_inpath,
            INPATH_SLASH: self.step_inpath,
        }
        while True:
            if self.tokens and self.tokens[-1].kind == "ERROR":
                return self.tokens
            state = self.states[-1]
            if self.pos >= n:
                if state == INPATH:
                    self.states.pop()
                    self.line, self.col, self.end_line, self.end_col = self.prev
                    self.emit("PATH_END")
                    continue
                if state == INPATH_SLASH:
                    self.error("path has a trailing slash")
                    continue
                self.emit("EOF")
                return self.tokens
            step[state]()

    def longest(self, candidates):
        """The longest match among (kind, regex) pairs, the first winning ties."""
        best_kind, best_len = None, 0
        for kind, regex in candidates:
            m = regex.match(self.text, self.pos)
            if m and m.end() - self.pos > best_len:
                best_kind, best_len = kind, m.end() - self.pos
        return best_kind, best_len

    def step_default(self):
        text, pos = self.text, self.pos
        c = text[pos]
        if c in " \t\r\n":
            self.advance(SPACE_RE.match(text, pos).end() - pos)
            return
        if c == "#":
            self.advance(LINE_COMMENT_RE.match(text, pos).end() - pos)
            return
        if c.isascii() and (c.isalnum() or c in "._-+~/<'"):
            if self.word(c):
                return
        if c == '"':
            self.advance(1)
            self.states.append(STRING)
            self.emit("QUOTE")
            return
        two = text[pos:pos + 2]
        kind = TWO_CHAR_OPERATORS.get(two)
        if kind:
            self.advance(2)
            if kind == "DOLLAR_CURLY":
                self.states.append(DEFAULT)
            self.emit(kind)
            return
        if c == "{":
            self.states.append(DEFAULT)
        elif c == "}":
            if len(self.states) > 1:
                self.states.pop()
        self.advance(1)
        self.emit(SINGLE_CHARS.get(c, "INVALID"), c)

    def word(self, c):
        """Identifiers, numbers, paths, URIs and the operators that start like them.

        Returns False when none of those matches, leaving the character to
        the single-character rules.
        """
        text, pos = self.text, self.pos
        run = PATH_CHARS_RE.match(text, pos)
        ahead = text[run.end():run.end() + 1] if run else text[pos:pos + 1]
        if ahead not in ("/", ":"):
            # No path or URI can start here: the common, fast case.
            if c.isalpha() or c == "_":
                word = ID_RE.match(text, pos).group()
                self.advance(len(word))
                kind = KEYWORDS.get(word)
                self.emit(kind or "ID", word)
                return True
            if c.isdigit():
                return self.number(pos)
        if c == "'":
            if not text.startswith("''", pos):
                return False
            self.advance(IND_OPEN_RE.match(text, pos).end() - pos)
            self.states.append(IND_STRING)
            self.emit("IND_STRING_OPEN")
            return True
        kind, length = self.longest(WORD_RULES)
        if kind is None:
            return False
        value = text[pos:pos + length]
        if kind == "ID":
            self.advance(length)
            keyword = KEYWORDS.get(value)
            self.emit(keyword or "ID", value)
        elif kind in ("INT", "FLOAT"):
            return self.number(pos)
        elif kind in ("PATH_INTERP", "HPATH_INTERP"):
            # Nix's scanner backs up and re-reads the text before `${` as a
            # path segment, after which the interpolation follows.
            seg = value[:-2]
            self.advance(len(seg))
            self.states.append(INPATH_SLASH)
            self.emit("PATH" if kind == "PATH_INTERP" else "HPATH", seg)
        elif kind in ("PATH", "HPATH"):
            self.advance(length)
            self.states.append(INPATH_SLASH if value.endswith("/") else INPATH)
            self.emit(kind, value)
        elif kind in ("SPATH", "URI"):
            self.advance(length)
            self.emit(kind, value)
        elif kind == "COMMENT":
            self.advance(length)
        else:
            if length == 1:
                return False
            self.advance(length)
            self.emit(kind)
        return True

    def number(self, pos):
        text = self.text
        digits = INT_RE.match(text, pos)
        m = FLOAT_RE.match(text, pos)
        if m and (not digits or m.end() > digits.end()):
            literal = m.group()
            self.advance(len(literal))
            value = float(literal)
            if value == float("inf") or (value == 0.0 and re.search(r"[1-9]", literal.split("e")[0].split("E")[0])):
                self.error(f"invalid float '{literal}'")
            else:
                self.emit("FLOAT", value)
            return True
        literal = digits.group()
        self.advance(len(literal))
        value = int(literal)
        if value > INT_MAX:
            self.error(f"invalid integer '{literal}'")
        else:
            self.emit("INT", value)
        return True

    def step_string(self):
        text, pos = self.text, self.pos
        if text.startswith("${", pos):
            self.advance(2)
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
            return
        if text[pos] == '"':
            self.advance(1)
            self.states.pop()
            self.emit("QUOTE")
            return
        m1 = STR_TEXT_RE.match(text, pos)
        m2 = STR_TEXT_DOLLAR_RE.match(text, pos)
        length = max(m1.end() if m1 else pos, m2.end() if m2 else pos) - pos
        if length:
            self.advance(length)
            self.emit("STR", unescape(text[pos:pos + length]))
            return
        # A lone `$` or `\` right before the end of the input.
        self.advance(1 if not text.startswith("$\\", pos) else 2)
        self.emit("STR", "")

    def step_ind_string(self):
        text, pos = self.text, self.pos
        if text.startswith("''$", pos):
            self.advance(3)
            self.emit("IND_STR", ("$", False))
        elif text.startswith("'''", pos):
            self.advance(3)
            self.emit("IND_STR", ("''", False))
        elif text.startswith("''\\", pos) and pos + 3 < len(text):
            self.advance(4)
            self.emit("IND_STR", (unescape(text[pos + 2:pos + 4]), False))
        elif text.startswith("${", pos):
            self.advance(2)
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
        elif text.startswith("''", pos):
            self.advance(2)
            self.states.pop()
            self.emit("IND_STRING_CLOSE")
        else:
            m = IND_TEXT_RE.match(text, pos)
            if m:
                self.advance(m.end() - pos)
                self.emit("IND_STR", (m.group(), True))
            else:
                self.advance(1)
                self.emit("IND_STR", (text[pos], False))

    def step_inpath(self):
        text, pos = self.text, self.pos
        if text.startswith("${", pos):
            self.advance(2)
            self.states[-1] = INPATH
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
            return
        m = INPATH_TEXT_RE.match(text, pos)
        if m:
            value = m.group()
            self.advance(len(value))
            self.states[-1] = INPATH_SLASH if value.endswith("/") else INPATH
            self.emit("STR", value)
            return
        if self.states[-1] == INPATH_SLASH:
            self.advance(1)
            self.error("path has a trailing slash")
            return
        # The path ended: PATH_END takes the location of the path's last
        # lexeme and the character is read again in the enclosing state.
        self.states.pop()
        self.prev = (self.line, self.col, self.end_line, self.end_col)
        self.emit("PATH_END")


def tokenize(text, origin):
    """All tokens of `text`, ending with an EOF or ERROR token."""
    return Lexer(text, origin).run()
