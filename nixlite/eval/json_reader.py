"""builtins.fromJSON's reader, as Nix 2.8 reads JSON.

Nix 2.8 hands the text to the nlohmann::json library (the 3.9 series it was
built with) through a SAX interface, and turns each event into a value. This
module follows the same lexer and parser step by step, because what they do
shows: which numbers become integers and which floats, where an error is
found (line and column, counted the library's way), and the error messages,
which Nix passes on unchanged, among them the "last read" excerpt of the
input, which runs from the start of the last string or number the lexer read
(or from the start of the text).

Numbers: digits alone are read as an unsigned 64-bit integer, which Nix then
stores in its signed integer, so 2^63 .. 2^64-1 wrap around to negative
values; with a minus sign, as a signed 64-bit integer; anything else, and
integers that do not fit, as a double (too large a double is an error).
Strings are kept as the bytes they decode to (UTF-8 is checked), but Nix
makes its string from a C string, so a string value ends at its first NUL;
attribute names keep theirs.
"""

from nixlite.eval.values import Attrs

EOF = -1

# Token kinds, with the names the parser's messages use for them.
T_TRUE, T_FALSE, T_NULL, T_STRING, T_UNSIGNED, T_INTEGER, T_FLOAT = range(7)
T_BEGIN_ARRAY, T_BEGIN_OBJECT, T_END_ARRAY, T_END_OBJECT = range(7, 11)
T_NAME_SEP, T_VALUE_SEP, T_ERROR, T_END, T_LITERAL_OR_VALUE, T_NONE = range(11, 17)

TOKEN_NAMES = {
    T_TRUE: "true literal", T_FALSE: "false literal", T_NULL: "null literal",
    T_STRING: "string literal", T_UNSIGNED: "number literal", T_INTEGER: "number literal",
    T_FLOAT: "number literal", T_BEGIN_ARRAY: "'['", T_BEGIN_OBJECT: "'{'", T_END_ARRAY: "']'",
    T_END_OBJECT: "'}'", T_NAME_SEP: "':'", T_VALUE_SEP: "','", T_ERROR: "<parse error>",
    T_END: "end of input", T_LITERAL_OR_VALUE: "'[', '{', or a literal",
}

_STRUCTURAL = {
    ord("["): T_BEGIN_ARRAY, ord("]"): T_END_ARRAY, ord("{"): T_BEGIN_OBJECT,
    ord("}"): T_END_OBJECT, ord(":"): T_NAME_SEP, ord(","): T_VALUE_SEP,
}
_LITERALS = {ord("t"): (b"true", T_TRUE), ord("f"): (b"false", T_FALSE), ord("n"): (b"null", T_NULL)}
_SIMPLE_ESCAPES = {
    ord('"'): 0x22, ord("\\"): 0x5C, ord("/"): 0x2F, ord("b"): 0x08, ord("f"): 0x0C,
    ord("n"): 0x0A, ord("r"): 0x0D, ord("t"): 0x09,
}
_CONTROL_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US").split()
_SHORT_ESCAPES = {0x08: "b", 0x09: "t", 0x0A: "n", 0x0C: "f", 0x0D: "r"}
# The byte ranges that may follow a UTF-8 lead byte inside a string.
_UTF8_FOLLOW = {}
for _b in range(0xC2, 0xE0):
    _UTF8_FOLLOW[_b] = ((0x80, 0xBF),)
_UTF8_FOLLOW[0xE0] = ((0xA0, 0xBF), (0x80, 0xBF))
for _b in list(range(0xE1, 0xED)) + [0xEE, 0xEF]:
    _UTF8_FOLLOW[_b] = ((0x80, 0xBF), (0x80, 0xBF))
_UTF8_FOLLOW[0xED] = ((0x80, 0x9F), (0x80, 0xBF))
_UTF8_FOLLOW[0xF0] = ((0x90, 0xBF), (0x80, 0xBF), (0x80, 0xBF))
for _b in (0xF1, 0xF2, 0xF3):
    _UTF8_FOLLOW[_b] = ((0x80, 0xBF), (0x80, 0xBF), (0x80, 0xBF))
_UTF8_FOLLOW[0xF4] = ((0x80, 0x8F), (0x80, 0xBF), (0x80, 0xBF))
_DIGITS = frozenset(b"0123456789")
_HEX = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}


class JSONError(Exception):
    """What the library reports: its whole message, as Nix prints it."""


def _control_message(c):
    short = _SHORT_ESCAPES.get(c)
    alternative = f" or \\{short}" if short else ""
    return (f"invalid string: control character U+{c:04X} ({_CONTROL_NAMES[c]}) "
            f"must be escaped to \\u{c:04X}{alternative}")


class _Lexer:
    def __init__(self, data):
        self.data = data
        self.next = 0
        self.current = EOF
        self.unget_pending = False
        self.chars_total = 0
        self.chars_line = 0
        self.lines = 0
        self.token_string = bytearray()
        self.buffer = bytearray()
        self.error = ""
        self.number = None

    # -- input, with the library's position bookkeeping

    def get(self):
        self.chars_total += 1
        self.chars_line += 1
        if self.unget_pending:
            self.unget_pending = False
        elif self.next < len(self.data):
            self.current = self.data[self.next]
            self.next += 1
        else:
            self.current = EOF
        if self.current != EOF:
            self.token_string.append(self.current)
        if self.current == 0x0A:
            self.lines += 1
            self.chars_line = 0
        return self.current

    def unget(self):
        self.unget_pending = True
        self.chars_total -= 1
        if self.chars_line == 0:
            if self.lines > 0:
                self.lines -= 1
        else:
            self.chars_line -= 1
        if self.current != EOF:
            self.token_string.pop()

    def reset(self):
        self.buffer = bytearray()
        self.token_string = bytearray()
        if self.current != EOF:
            self.token_string.append(self.current)

    def shown_token(self):
        """The bytes read since the last reset, control bytes spelt out."""
        return "".join(f"<U+{c:04X}>" if c <= 0x1F else chr(c) for c in self.token_string)

    def position(self):
        return f"line {self.lines + 1}, column {self.chars_line}"

    def fail(self, message):
        self.error = message
        return T_ERROR

    # -- tokens

    def scan(self):
        if self.chars_total == 0 and not self.skip_bom():
            return self.fail("invalid BOM; must be 0xEF 0xBB 0xBF if given")
        c = self.get()
        while c in (0x20, 0x09, 0x0A, 0x0D):
            c = self.get()
        kind = _STRUCTURAL.get(c)
        if kind is not None:
            return kind
        literal = _LITERALS.get(c)
        if literal is not None:
            text, kind = literal
            for expected in text[1:]:
                if self.get() != expected:
                    return self.fail("invalid literal")
            return kind
        if c == 0x22:
            return self.scan_string()
        if c == 0x2D or c in _DIGITS:
            return self.scan_number()
        if c == 0 or c == EOF:
            return T_END
        return self.fail("invalid literal")

    def skip_bom(self):
        if self.get() == 0xEF:
            return self.get() == 0xBB and self.get() == 0xBF
        self.unget()
        return True

    def codepoint(self):
        value = 0
        for _ in range(4):
            digit = _HEX.get(self.get())
            if digit is None:
                return -1
            value = value * 16 + digit
        return value

    def scan_string(self):
        self.reset()
        add = self.buffer.append
        while True:
            c = self.get()
            if c == 0x22:
                return T_STRING
            if c == EOF:
                return self.fail("invalid string: missing closing quote")
            if c == 0x5C:
                c = self.get()
                simple = _SIMPLE_ESCAPES.get(c)
                if simple is not None:
                    add(simple)
                    continue
                if c != ord("u"):
                    return self.fail("invalid string: forbidden character after backslash")
                code = self.codepoint()
                if code == -1:
                    return self.fail("invalid string: '\\u' must be followed by 4 hex digits")
                if 0xD800 <= code <= 0xDBFF:
                    if not (self.get() == 0x5C and self.get() == ord("u")):
                        return self.fail("invalid string: surrogate U+D800..U+DBFF must be followed by "
                                         "U+DC00..U+DFFF")
                    low = self.codepoint()
                    if low == -1:
                        return self.fail("invalid string: '\\u' must be followed by 4 hex digits")
                    if not 0xDC00 <= low <= 0xDFFF:
                        return self.fail("invalid string: surrogate U+D800..U+DBFF must be followed by "
                                         "U+DC00..U+DFFF")
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                elif 0xDC00 <= code <= 0xDFFF:
                    return self.fail("invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF")
                self.buffer += chr(code).encode("utf-8")
                continue
            if c <= 0x1F:
                return self.fail(_control_message(c))
            if c <= 0x7F:
                add(c)
                continue
            follow = _UTF8_FOLLOW.get(c)
            if follow is None:
                return self.fail("invalid string: ill-formed UTF-8 byte")
            add(c)
            for low, high in follow:
                c = self.get()
                if not low <= c <= high:
                    return self.fail("invalid string: ill-formed UTF-8 byte")
                add(c)

    def scan_number(self):
        self.reset()
        c = self.current
        kind = T_UNSIGNED
        self.buffer.append(c)
        if c == 0x2D:
            kind = T_INTEGER
            c = self.get()
            if c not in _DIGITS:
                return self.fail("invalid number; expected digit after '-'")
            self.buffer.append(c)
        if c != 0x30:
            c = self.get()
            while c in _DIGITS:
                self.buffer.append(c)
                c = self.get()
        else:
            c = self.get()
        if c == 0x2E:
            kind = T_FLOAT
            self.buffer.append(c)
            c = self.get()
            if c not in _DIGITS:
                return self.fail("invalid number; expected digit after '.'")
            while c in _DIGITS:
                self.buffer.append(c)
                c = self.get()
        if c in (0x65, 0x45):
            kind = T_FLOAT
            self.buffer.append(c)
            c = self.get()
            if c in (0x2B, 0x2D):
                self.buffer.append(c)
                c = self.get()
                if c not in _DIGITS:
                    return self.fail("invalid number; expected digit after exponent sign")
            elif c not in _DIGITS:
                return self.fail("invalid number; expected '+', '-', or digit after exponent")
            while c in _DIGITS:
                self.buffer.append(c)
                c = self.get()
        self.unget()
        text = self.buffer.decode("ascii")
        # (Longer digit strings are out of range anyway.)
        if kind == T_UNSIGNED and len(text) <= 20:
            value = int(text)
            if value < 1 << 64:
                self.number = value
                return T_UNSIGNED
        elif kind == T_INTEGER and len(text) <= 20:
            value = int(text)
            if value >= -(1 << 63):
                self.number = value
                return T_INTEGER
        self.number = float(text)
        return T_FLOAT


class _Object:
    """An object being read: its members so far and the key of the next."""

    __slots__ = ("items", "key")

    def __init__(self, key):
        self.items = {}
        self.key = key


def _string_value(raw):
    """A JSON string's bytes as a Nix string: up to the first NUL."""
    end = raw.find(0)
    return (raw if end < 0 else raw[:end]).decode("latin-1")


def parse_json(text):
    """The Nix value of a JSON text (a Nix byte string); JSONError if the
    library would reject it."""
    data = text.encode("latin-1")
    try:
        return _parse_fast(data)
    except _NotFast:
        return _parse_exact(data)


class _NotFast(Exception):
    pass


def _fast_int(digits):
    if len(digits) <= 20:
        value = int(digits)
        if digits[0] != "-" and value < 1 << 64:
            return value - (1 << 64) if value >= 1 << 63 else value
        if digits[0] == "-" and value >= -(1 << 63):
            return value
    return _fast_float(digits)


def _fast_float(text):
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFast
    return value


def _not_fast(_):
    raise _NotFast


def _parse_fast(data):
    """Python's JSON reader, for texts it accepts: it accepts no text the
    library rejects (lone surrogates and numbers too large are sent back
    here), and reads the same values from them. Anything else goes to the
    exact reader, which also finds the error message."""
    import json
    try:
        value = json.loads(data.decode("utf-8"), parse_int=_fast_int, parse_float=_fast_float,
                           parse_constant=_not_fast)
    except (ValueError, RecursionError):
        raise _NotFast from None
    try:
        return _from_python(value)
    except (UnicodeEncodeError, RecursionError):  # lone surrogates; deep nesting
        raise _NotFast from None


def _from_python(value):
    cls = value.__class__
    if cls is str:
        return _string_value(value.encode("utf-8"))
    if cls is list:
        return [_from_python(item) for item in value]
    if cls is dict:
        return Attrs({key.encode("utf-8").decode("latin-1"): _from_python(item) for key, item in value.items()})
    return value


def _parse_exact(data):
    """The library's own steps: the value, or its error."""
    lexer = _Lexer(data)
    token = lexer.scan()

    def error(expected, context):
        message = f"syntax error while parsing {context} - "
        if token == T_ERROR:
            message += f"{lexer.error}; last read: '{lexer.shown_token()}'"
        else:
            message += f"unexpected {TOKEN_NAMES[token]}"
        if expected != T_NONE:
            message += f"; expected {TOKEN_NAMES[expected]}"
        return JSONError(f"[json.exception.parse_error.101] parse error at {lexer.position()}: {message}")

    # The open arrays (lists) and objects (_Object) around the value read.
    stack = []
    done = False
    while not done:
        # Read one value (or open a container).
        if token == T_BEGIN_OBJECT:
            token = lexer.scan()
            if token == T_END_OBJECT:
                value = Attrs({})
            else:
                if token != T_STRING:
                    raise error(T_STRING, "object key")
                key = bytes(lexer.buffer).decode("latin-1")
                token = lexer.scan()
                if token != T_NAME_SEP:
                    raise error(T_NAME_SEP, "object separator")
                stack.append(_Object(key))
                token = lexer.scan()
                continue
        elif token == T_BEGIN_ARRAY:
            token = lexer.scan()
            if token == T_END_ARRAY:
                value = []
            else:
                stack.append([])
                continue
        elif token == T_FLOAT:
            if lexer.number in (float("inf"), float("-inf")):
                raise JSONError(f"[json.exception.out_of_range.406] number overflow parsing "
                                f"'{lexer.shown_token()}'")
            value = lexer.number
        elif token == T_UNSIGNED:
            value = lexer.number - (1 << 64) if lexer.number >= 1 << 63 else lexer.number
        elif token == T_INTEGER:
            value = lexer.number
        elif token == T_STRING:
            value = _string_value(bytes(lexer.buffer))
        elif token == T_TRUE:
            value = True
        elif token == T_FALSE:
            value = False
        elif token == T_NULL:
            value = None
        elif token == T_ERROR:
            raise error(T_NONE, "value")
        else:
            raise error(T_LITERAL_OR_VALUE, "value")

        # Place the value in its container; close what ends here.
        while True:
            if not stack:
                done = True
                break
            top = stack[-1]
            token = lexer.scan()
            if top.__class__ is list:
                top.append(value)
                if token == T_VALUE_SEP:
                    token = lexer.scan()
                    break
                if token != T_END_ARRAY:
                    raise error(T_END_ARRAY, "array")
                value = stack.pop()
                continue
            top.items[top.key] = value
            if token == T_VALUE_SEP:
                token = lexer.scan()
                if token != T_STRING:
                    raise error(T_STRING, "object key")
                top.key = bytes(lexer.buffer).decode("latin-1")
                token = lexer.scan()
                if token != T_NAME_SEP:
                    raise error(T_NAME_SEP, "object separator")
                token = lexer.scan()
                break
            if token != T_END_OBJECT:
                raise error(T_END_OBJECT, "object")
            stack.pop()
            value = Attrs(top.items)

    token = lexer.scan()
    if token != T_END:
        raise error(T_END, "value")
    return value
