"""Node positions agree with the positions real Nix reports for them."""

import json
import subprocess

import pytest

from nixlite.syntax import ast
from nixlite.syntax.parse import parse_text

pytestmark = pytest.mark.oracle

SOURCES = [
    "{ a = 1;\n  b.c = 2;\n\tinherit (x) d; \"e f\" = 3; }",
    "let x = { y = 1; }; in {\n   inherit x;\r\n  z = ''\n    text\n  ''; w = \"${toString 1}\"; }",
    "/* comment */ { a.b.c = 1; a.b.d = 2; # note\n  q = x: x; }",
]


def nix_attr_positions(source):
    """{name: (line, column)} from builtins.unsafeGetAttrPos, per real Nix."""
    expr = (f"let s = ({source}); in builtins.mapAttrs (n: v: "
            f"let p = builtins.unsafeGetAttrPos n s; in [ p.line p.column ]) s")
    proc = subprocess.run(["nix-instantiate", "--eval", "--strict", "--json", "-E", f"with {{ x = {{ d = 1; }}; }}; {expr}"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return {name: tuple(pos) for name, pos in json.loads(proc.stdout).items()}


@pytest.mark.parametrize("source", SOURCES)
def test_attribute_positions(source):
    text = f"with {{ x = {{ d = 1; }}; }}; let s = ({source}); in s"
    module = parse_text(text)
    node = module.root.body.attrs.attrs["s"].expr
    while isinstance(node, ast.Let):
        node = node.body
    assert isinstance(node, ast.Attrs)
    mine = {name: module.origin.line_col(d.pos) for name, d in node.attrs.items()}
    assert mine == nix_attr_positions(source)


def test_cur_pos():
    text = "let f = x: x; in [\n  __curPos\n    (f __curPos) ]"
    proc = subprocess.run(["nix-instantiate", "--eval", "--strict", "--json", "-E", text],
                          capture_output=True, text=True, timeout=60)
    expected = [(p["line"], p["column"]) for p in json.loads(proc.stdout)]
    module = parse_text(text)
    elems = module.root.body.elems
    mine = [module.origin.line_col(elems[0].pos), module.origin.line_col(elems[1].args[0].pos)]
    assert mine == expected
