"""Reading Nix source: the lexer, the lark-built LALR parser, the AST, printing.

The public entry points are `parse_file` and `parse_text` in
nixlite.syntax.parse, re-exported here.
"""
