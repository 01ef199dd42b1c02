"""Reading .drv files: the ATerm syntax Nix writes them in.

    Derive([outputs],[input derivations],[input sources],platform,builder,[args],[env])
"""

from nixlite.store.derivation import Derivation, Output

_UNESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"'}


class ATermError(ValueError):
    pass


class _Reader:
    def __init__(self, text):
        self.text, self.pos = text, 0

    def expect(self, s):
        if not self.text.startswith(s, self.pos):
            raise ATermError(f"expected '{s}' at offset {self.pos} of the derivation")
        self.pos += len(s)

    def peek(self, s):
        return self.text.startswith(s, self.pos)

    def string(self):
        self.expect('"')
        out = []
        text = self.text
        while True:
            if self.pos >= len(text):
                raise ATermError("unterminated string in the derivation")
            c = text[self.pos]
            if c == '"':
                self.pos += 1
                return "".join(out)
            if c == "\\":
                self.pos += 1
                nxt = text[self.pos]
                out.append(_UNESCAPES.get(nxt, nxt))
            else:
                out.append(c)
            self.pos += 1

    def items(self, item):
        """A bracketed, comma-separated list of `item()`s."""
        self.expect("[")
        result = []
        while not self.peek("]"):
            if result:
                self.expect(",")
            result.append(item())
        self.expect("]")
        return result

    def tuple(self, *fields):
        self.expect("(")
        values = []
        for i, field in enumerate(fields):
            if i:
                self.expect(",")
            values.append(field())
        self.expect(")")
        return values


def parse_derivation(text, name):
    """The Derivation a .drv file's text describes (`name` from its path)."""
    r = _Reader(text)
    r.expect("Derive(")
    drv = Derivation(name)
    for out_name, path, algo, digest in r.items(lambda: r.tuple(r.string, r.string, r.string, r.string)):
        drv.outputs[out_name] = Output(path, algo, digest)
    r.expect(",")
    for path, outputs in r.items(lambda: r.tuple(r.string, lambda: r.items(r.string))):
        drv.input_drvs[path] = set(outputs)
    r.expect(",")
    drv.input_srcs = set(r.items(r.string))
    r.expect(",")
    drv.platform = r.string()
    r.expect(",")
    drv.builder = r.string()
    r.expect(",")
    drv.args = r.items(r.string)
    r.expect(",")
    drv.env = dict(r.items(lambda: r.tuple(r.string, r.string)))
    r.expect(")")
    if r.pos != len(text):
        raise ATermError("trailing text after the derivation")
    return drv
