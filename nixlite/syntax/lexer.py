"""The Nix 2.8 lexer, rule for rule as Nix's flex scanner behaves.

Nix's scanner is stateful (strings, indented strings and paths each have
their own start condition) and flex always takes the longest match, the
earlier rule winning a tie. This module reproduces both, and the scanner's
location bookkeeping too: a token is located where its lexeme starts, and
the end-of-file token where the last lexeme (whitespace and comments
included) started, which is where Nix reports "unexpected end of file".

Locations are byte offsets into the source; diagnostics.Origin turns them
into lines and columns. Source text is latin-1 decoded bytes: one character
per byte, so columns count bytes as Nix's do and strings keep Nix's byte
semantics.

A token is a tuple (kind, value, start, end). The lexer never raises: it
ends the token list with an ``ERROR`` token that carries the ParseError, so
that a syntax error earlier in the file is still reported first, as with
Nix's pull-driven scanner.
"""

import re
import sys

from nixlite.syntax.errors import ParseError

ID_RE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_'\-]*")
INT_RE = re.compile(r"[0-9]+")
FLOAT_RE = re.compile(r"(?:[1-9][0-9]*\.[0-9]*|0?\.[0-9]+)(?:[Ee][+-]?[0-9]+)?")
_PC = r"[a-zA-Z0-9._\-+]"
PATH_RE = re.compile(rf"{_PC}*(?:/{_PC}+)+/?")
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
# The common tokens of the default state in one regex. Each alternative only
# matches where no other scanner rule could match longer text: nothing that
# starts a path or a URI, a float, `...` or a search path. Everything else
# goes to the rule-by-rule longest match in Lexer.word.
FAST_RE = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?![a-zA-Z0-9._+\-]*/)
    (?![a-zA-Z][a-zA-Z0-9+\-.]*:[a-zA-Z0-9%/?:@&=+$,\-_.!~*'])
    (?: (?P<id>[a-zA-Z_][a-zA-Z0-9_'\-]*)
      | (?P<int>[0-9]+)(?![.0-9])
      | (?P<op>==|!=|<=|>=|&&|\|\||->|\+\+|\$\{)
      | (?P<char>[:;,=(){}\[\]@?!*"+\->]|\.(?![.0-9])|<(?![a-zA-Z0-9._+\-]))
    )
""", re.VERBOSE)

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
WORD_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+~/<'")
UNESCAPES = {"n": "\n", "r": "\r", "t": "\t"}

# Start conditions of Nix's scanner.
DEFAULT, STRING, IND_STRING, INPATH, INPATH_SLASH = range(5)


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
            out.append(UNESCAPES.get(c, c))
        elif c == "\r":
            out.append("\n")
            if i < n and s[i] == "\n":
                i += 1
        else:
            out.append(c)
    return "".join(out)


def out_of_range(value, literal):
    """Whether C's strtod reports ERANGE for this literal: overflow, or an
    underflow to zero or to a subnormal number."""
    if value == float("inf"):
        return True
    if value == 0.0:
        return re.search("[1-9]", re.split("[eE]", literal)[0]) is not None
    return value < sys.float_info.min


def _longest(text, pos):
    """The longest WORD_RULES match at pos as (kind, length), or (None, 0)."""
    best_kind, best_len = None, 0
    for kind, regex in WORD_RULES:
        m = regex.match(text, pos)
        if m and m.end() - pos > best_len:
            best_kind, best_len = kind, m.end() - pos
    return best_kind, best_len


class Lexer:
    """Turns source text into a list of tokens, ending with EOF or ERROR."""

    def __init__(self, text, origin):
        self.text = text
        self.origin = origin
        self.pos = 0
        self.cur = (0, 0)   # the last lexeme read: Nix's yylloc
        self.prev = (0, 0)  # the one before it: Nix's prev_yylloc
        self.states = [DEFAULT]
        self.tokens = []

    def take(self, length):
        """Consume `length` characters as the current lexeme; returns its start."""
        start = self.pos
        self.prev = self.cur
        self.pos = start + length
        self.cur = (start, self.pos)
        return start

    def emit(self, kind, value=None):
        self.tokens.append((kind, value, self.cur[0], self.cur[1]))

    def error(self, message):
        err = ParseError(message, self.origin, self.cur[0])
        self.tokens.append(("ERROR", err, self.cur[0], self.cur[1]))

    def run(self):
        text, tokens, states = self.text, self.tokens, self.states
        n = len(text)
        fast = FAST_RE.match
        keywords, singles, twos = KEYWORDS, SINGLE_CHARS, TWO_CHAR_OPERATORS
        append = tokens.append
        pos = 0
        while True:
            if pos < n and states[-1] == DEFAULT:
                m = fast(text, pos)
                if m:
                    group = m.lastgroup
                    end = m.end()
                    self.prev = self.cur
                    self.cur = (pos, end)
                    if group == "id":
                        word = m.group()
                        append((keywords.get(word, "ID"), word, pos, end))
                    elif group == "space" or group == "comment":
                        pass
                    elif group == "char":
                        c = text[pos]
                        if c == "{":
                            states.append(DEFAULT)
                        elif c == "}":
                            if len(states) > 1:
                                states.pop()
                        elif c == '"':
                            states.append(STRING)
                        append((singles[c], c, pos, end))
                    elif group == "int":
                        value = int(m.group())
                        if value > INT_MAX:
                            self.pos = end
                            self.error(f"invalid integer '{m.group()}'")
                            return tokens
                        append(("INT", value, pos, end))
                    else:
                        kind = twos[m.group()]
                        if kind == "DOLLAR_CURLY":
                            states.append(DEFAULT)
                        append((kind, None, pos, end))
                    pos = end
                    continue
            self.pos = pos
            if not self.step():
                return tokens
            pos = self.pos

    def step(self):
        """Scan one lexeme the slow way; False once the token list is complete."""
        text, states = self.text, self.states
        pos = self.pos
        state = states[-1]
        if pos >= len(text):
            if state == INPATH:
                # The scanner restores the location before the path part.
                states.pop()
                self.cur = self.prev
                self.emit("PATH_END")
                return True
            if state == INPATH_SLASH:
                self.error("path has a trailing slash")
                return False
            self.emit("EOF")
            return False
        if state == STRING:
            self.step_string()
        elif state == IND_STRING:
            self.step_ind_string()
        elif state != DEFAULT:
            self.step_inpath()
        else:
            self.step_default()
        return not self.tokens or self.tokens[-1][0] != "ERROR"

    def step_default(self):
        text, pos = self.text, self.pos
        c = text[pos]
        if c in WORD_START and self.word(c):
            return
        kind = TWO_CHAR_OPERATORS.get(text[pos:pos + 2])
        if kind:
            self.take(2)
            if kind == "DOLLAR_CURLY":
                self.states.append(DEFAULT)
            self.emit(kind)
            return
        if c == "{":
            self.states.append(DEFAULT)
        elif c == "}" and len(self.states) > 1:
            self.states.pop()
        elif c == '"':
            self.states.append(STRING)
        self.take(1)
        self.emit(SINGLE_CHARS.get(c, "INVALID"), c)

    def word(self, c):
        """Numbers, paths, URIs, `''` and the operators that start like them.

        Returns False when none of those matches, leaving the character to
        the single-character rules.
        """
        text, pos = self.text, self.pos
        if c == "'":
            if not text.startswith("''", pos):
                return False
            self.take(IND_OPEN_RE.match(text, pos).end() - pos)
            self.states.append(IND_STRING)
            self.emit("IND_STRING_OPEN")
            return True
        kind, length = _longest(text, pos)
        if kind is None:
            return False
        value = text[pos:pos + length]
        if kind == "ID":
            self.take(length)
            self.emit(KEYWORDS.get(value, "ID"), value)
        elif kind in ("INT", "FLOAT"):
            self.number(pos)
        elif kind in ("PATH_INTERP", "HPATH_INTERP"):
            # Nix's scanner backs up and re-reads the text before `${` as a
            # path segment, after which the interpolation follows.
            self.take(length - 2)
            self.states.append(INPATH_SLASH)
            self.emit("PATH" if kind == "PATH_INTERP" else "HPATH", value[:-2])
        elif kind in ("PATH", "HPATH"):
            self.take(length)
            self.states.append(INPATH_SLASH if value.endswith("/") else INPATH)
            self.emit(kind, value)
        elif kind in ("SPATH", "URI"):
            self.take(length)
            self.emit(kind, value)
        elif kind == "COMMENT":
            self.take(length)
        elif length == 1:
            return False
        else:
            self.take(length)
            if kind == "DOLLAR_CURLY":
                self.states.append(DEFAULT)
            self.emit(kind)
        return True

    def number(self, pos):
        text = self.text
        digits = INT_RE.match(text, pos)
        m = FLOAT_RE.match(text, pos)
        if m and (not digits or m.end() > digits.end()):
            literal = m.group()
            self.take(len(literal))
            value = float(literal)
            if out_of_range(value, literal):
                self.error(f"invalid float '{literal}'")
            else:
                self.emit("FLOAT", value)
            return
        literal = digits.group()
        self.take(len(literal))
        value = int(literal)
        if value > INT_MAX:
            self.error(f"invalid integer '{literal}'")
        else:
            self.emit("INT", value)

    def step_string(self):
        text, pos = self.text, self.pos
        if text.startswith("${", pos):
            self.take(2)
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
            return
        if text[pos] == '"':
            self.take(1)
            self.states.pop()
            self.emit("QUOTE")
            return
        m1 = STR_TEXT_RE.match(text, pos)
        m2 = STR_TEXT_DOLLAR_RE.match(text, pos)
        length = max(m1.end() if m1 else pos, m2.end() if m2 else pos) - pos
        if length:
            self.take(length)
            self.emit("STR", unescape(text[pos:pos + length]))
            return
        # A lone `$` or `\` (or `$\`) right before the end of the input.
        self.take(2 if text.startswith("$\\", pos) else 1)
        self.emit("STR", "")

    def step_ind_string(self):
        text, pos = self.text, self.pos
        if text.startswith("''$", pos):
            self.take(3)
            self.emit("IND_STR", ("$", False))
        elif text.startswith("'''", pos):
            self.take(3)
            self.emit("IND_STR", ("''", False))
        elif text.startswith("''\\", pos) and pos + 3 < len(text):
            self.take(4)
            self.emit("IND_STR", (unescape(text[pos + 2:pos + 4]), False))
        elif text.startswith("${", pos):
            self.take(2)
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
        elif text.startswith("''", pos):
            self.take(2)
            self.states.pop()
            self.emit("IND_STRING_CLOSE")
        else:
            m = IND_TEXT_RE.match(text, pos)
            if m:
                self.take(m.end() - pos)
                self.emit("IND_STR", (m.group(), True))
            else:
                self.take(1)
                self.emit("IND_STR", (text[pos], False))

    def step_inpath(self):
        text, pos = self.text, self.pos
        if text.startswith("${", pos):
            self.take(2)
            self.states[-1] = INPATH
            self.states.append(DEFAULT)
            self.emit("DOLLAR_CURLY")
            return
        m = INPATH_TEXT_RE.match(text, pos)
        if m:
            value = m.group()
            self.take(len(value))
            self.states[-1] = INPATH_SLASH if value.endswith("/") else INPATH
            self.emit("STR", value)
            return
        if self.states[-1] == INPATH_SLASH:
            self.take(1)
            self.error("path has a trailing slash")
            return
        # The path ended: PATH_END takes the location of the path's last
        # lexeme and the character is read again in the enclosing state.
        self.states.pop()
        self.prev = self.cur
        self.emit("PATH_END")


def tokenize(text, origin):
    """All tokens of `text`, ending with an EOF or ERROR token."""
    return Lexer(text, origin).run()
