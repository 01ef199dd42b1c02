"""The `nixlite` command line: argument parsing only.

Each command is a thin call into the packages; errors become Nix-style
messages on stderr and exit status 1, never a Python traceback. Work runs
through nixlite.deepstack, because Nix programs (and their syntax trees)
nest deeply.
"""

import argparse
import os
import sys

from nixlite import __version__
from nixlite.bytestr import from_os
from nixlite.deepstack import run_deep
from nixlite.diagnostics import NixError

def cmd_parse(args):
    from nixlite.syntax.parse import parse_file, parse_text
    from nixlite.syntax.show import show

    if args.expr is not None:
        module = parse_text(from_os(args.expr), "string")
    elif args.file == "-":
        module = parse_text(sys.stdin.buffer.read().decode("latin-1"), "stdin")
    else:
        module = parse_file(args.file)
    sys.stdout.buffer.write(show(module.root).encode("latin-1") + b"\n")
    return 0


def cmd_eval(args):
    from nixlite.eval.api import auto_call, expr_arg, select_attr_path
    from nixlite.eval.builtins.json import to_json
    from nixlite.eval.machine import Evaluator
    from nixlite.eval.ops import deep_force
    from nixlite.eval.printer import print_value
    from nixlite.syntax.parse import parse_file, parse_text

    from nixlite.eval.errors import settings
    settings["show_trace"] = args.show_trace
    evaluator = Evaluator(args.include)
    if args.expr is not None:
        module = parse_text(from_os(args.expr), "string")
    elif args.file == "-":
        module = parse_text(sys.stdin.buffer.read().decode("latin-1"), "stdin")
    else:
        module = parse_file(args.file or "default.nix")
    root = evaluator.evaluate_module(module)
    auto_args = {from_os(name): expr_arg(evaluator, expr) for name, expr in args.arg}
    auto_args.update({from_os(name): from_os(value) for name, value in args.argstr})
    out = sys.stdout.buffer
    for attr_path in args.attr or [""]:
        value = select_attr_path(evaluator, root, from_os(attr_path), auto_args)
        if auto_args:
            value = auto_call(value, auto_args)
        if args.json:
            partial = []
            try:
                text = to_json(value, set(), strict=args.strict, out=partial)
            except NixError:
                out.write("".join(partial).encode("latin-1"))
                out.flush()
                raise
        elif args.xml:
            from nixlite.eval.xml import to_xml
            if args.strict:
                deep_force(value)
            text = to_xml(value, strict=args.strict, location=not args.no_location).rstrip("\n")
        else:
            if args.strict:
                deep_force(value)
            text = print_value(value)
        # Nix ends every output with a newline except JSON.
        out.write(text.encode("latin-1") + (b"" if args.json else b"\n"))
        out.flush()
    return 0


def cmd_conform(args):
    from nixlite.conform import conform
    return conform(args.paths, json_output=args.json)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="nixlite", description="A Nix implementation in Python.")
    parser.add_argument("--version", action="version", version=f"nixlite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="print the parsed expression as nix-instantiate --parse does")
    p.add_argument("file", nargs="?", default="-", help="a .nix file, or - for stdin (default)")
    p.add_argument("-E", "--expr", help="parse this expression instead of a file")
    p.set_defaults(run=cmd_parse)

    p = sub.add_parser("eval", help="evaluate an expression as nix-instantiate --eval does")
    p.add_argument("file", nargs="?", help="a .nix file (default: default.nix), or - for stdin")
    p.add_argument("-E", "--expr", help="evaluate this expression instead of a file")
    p.add_argument("-A", "--attr", action="append", help="select this attribute path (repeatable)")
    p.add_argument("--arg", nargs=2, action="append", default=[], metavar=("NAME", "EXPR"),
                   help="pass NAME = EXPR to a top-level function")
    p.add_argument("--argstr", nargs=2, action="append", default=[], metavar=("NAME", "STRING"),
                   help="pass NAME = STRING to a top-level function")
    p.add_argument("-I", dest="include", action="append", default=[], metavar="PATH",
                   help="add PATH (or PREFIX=PATH) to the search path for <...>")
    p.add_argument("--strict", action="store_true", help="evaluate the whole result")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--xml", action="store_true", help="print the result as XML")
    p.add_argument("--show-trace", action="store_true", help="show more context on errors")
    p.add_argument("--no-location", action="store_true", help="omit positions (XML output)")
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("conform", help="evaluate files with nixlite and with real Nix and compare")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".nix files or directories of them")
    p.add_argument("--json", action="store_true", help="compare --json output")
    p.set_defaults(run=cmd_conform)
    return parser


def entry():
    """The console script: run, flush, and leave without tearing down the
    heap (freeing a large syntax tree object by object takes a while)."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv=None):
    args = build_parser().parse_args(argv)
    import nixlite.store.builtins  # noqa: F401  (the store's builtins)
    try:
        status = run_deep(args.run, args)
    except NixError as e:
        sys.stdout.flush()
        sys.stderr.buffer.write(e.render(getattr(args, "show_trace", False)).encode("latin-1"))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        sys.stderr.write(f"error: {e.strerror}: {e.filename}\n" if e.filename else f"error: {e}\n")
        return 1
    except Exception as e:  # a bug in nixlite: say so, briefly, unless debugging
        if os.environ.get("NIXLITE_DEBUG"):
            raise
        sys.stderr.write(f"error: internal error in nixlite: {type(e).__name__}: {e}\n"
                         "(set NIXLITE_DEBUG=1 to see where)\n")
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
