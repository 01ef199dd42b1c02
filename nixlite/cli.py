"""The `nixlite` command line: argument parsing only.

Each command is a thin call into the packages; errors become Nix-style
messages on stderr and exit status 1, never a Python traceback. Work runs
on a thread with a large stack, because Nix programs (and their syntax
trees) nest deeply.
"""

import argparse
import os
import sys
import threading

from nixlite import __version__
from nixlite.bytestr import from_os
from nixlite.diagnostics import NixError

STACK_SIZE = 512 * 1024 * 1024
RECURSION_LIMIT = 1_000_000


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


def build_parser():
    parser = argparse.ArgumentParser(
        prog="nixlite", description="A Nix implementation in Python.")
    parser.add_argument("--version", action="version", version=f"nixlite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="print the parsed expression as nix-instantiate --parse does")
    p.add_argument("file", nargs="?", default="-", help="a .nix file, or - for stdin (default)")
    p.add_argument("-E", "--expr", help="parse this expression instead of a file")
    p.set_defaults(run=cmd_parse)
    return parser


def run_deep(fn, *args):
    """Run fn on a thread with a large stack; returns its result or re-raises."""
    result = {}

    def target():
        try:
            result["value"] = fn(*args)
        except BaseException as e:  # handed to the calling thread
            result["error"] = e

    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(STACK_SIZE)
    thread = threading.Thread(target=target, name="nixlite")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def entry():
    """The console script: run, flush, and leave without tearing down the
    heap (freeing a large syntax tree object by object takes a while)."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        status = run_deep(args.run, args)
    except NixError as e:
        sys.stdout.flush()
        sys.stderr.buffer.write(e.render().encode("latin-1"))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        sys.stderr.write(f"error: {e.strerror}: {e.filename}\n" if e.filename else f"error: {e}\n")
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
