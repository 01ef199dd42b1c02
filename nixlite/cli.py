"""The `nixlite` command line: argument parsing only.

Each command is a thin call into the packages; errors become Nix-style
messages on stderr and exit status 1, never a Python traceback. Work runs
through nixlite.deepstack, because Nix programs (and their syntax trees)
nest deeply.
"""

import os
import sys

from nixlite import __version__
from nixlite.bytestr import from_os
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


def read_store_paths(args, store=None):
    """Let evaluation read store paths: write toFile results and sources,
    build derivation outputs (import from derivation)."""
    from nixlite.build import ifd
    from nixlite.store.store import Store

    cores = getattr(args, "cores", None) or os.cpu_count() or 1
    ifd.install(lambda: store or Store(args.root), jobs=getattr(args, "max_jobs", None) or cores, cores=cores,
                sandbox=getattr(args, "sandbox", True))


def cmd_eval(args):
    from nixlite.eval.builtins.json import to_json
    from nixlite.eval.ops import deep_force
    from nixlite.eval.printer import print_value

    if args.read_write_mode:   # as Nix: --eval is read-only unless asked
        read_store_paths(args)
    out = sys.stdout.buffer
    for value in _evaluate_selected(args):
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


def _evaluate_selected(args, call=False):
    """Parse and evaluate per the common flags; yields the selected values.
    A function is called on the --arg values when there are some, as
    `nix-instantiate --eval` does, or always with `call` (what
    nix-instantiate and nix-build do with the derivations they look for)."""
    from nixlite.eval.api import auto_call, expr_arg, select_attr_path
    from nixlite.eval.errors import settings
    from nixlite.eval.machine import Evaluator
    from nixlite.syntax.parse import parse_file, parse_text

    settings["show_trace"] = args.show_trace
    evaluator = Evaluator(args.include)
    if args.expr is not None:
        module = parse_text(from_os(args.expr), "string")
    elif args.file == "-":
        module = parse_text(sys.stdin.buffer.read().decode("latin-1"), "stdin")
    else:
        module = parse_file(args.file or _default_file())
    root = evaluator.evaluate_module(module)
    auto_args = {from_os(name): expr_arg(evaluator, expr) for name, expr in args.arg}
    auto_args.update({from_os(name): from_os(value) for name, value in args.argstr})
    for attr_path in args.attr or [""]:
        value = select_attr_path(evaluator, root, from_os(attr_path), auto_args)
        yield auto_call(value, auto_args) if auto_args or call else value


def _default_file():
    """What a command given no file reads: ./default.nix as Nix does, or,
    where there is none, the package set nixlite ships."""
    from nixlite import deps

    if deps.ask("exists", os.path.abspath("default.nix")):
        return "default.nix"
    from nixlite.pkgs import PKGS_PATH
    return str(PKGS_PATH / "default.nix")


def cmd_instantiate(args):
    from nixlite.build.locks import gc_lock
    from nixlite.store.instantiate import instantiate
    from nixlite.store.store import Store

    store = Store(args.root)
    read_store_paths(args, store)
    out = sys.stdout.buffer
    with gc_lock(store, exclusive=False):   # nixlite gc waits until this run is done
        for value in _evaluate_selected(args, call=True):
            for drv_path in instantiate(store, value):
                out.write(drv_path.encode("latin-1") + b"\n")
    return 0


def cmd_build(args):
    from nixlite.build.locks import gc_lock
    from nixlite.store.store import Store

    store = Store(args.root)
    # What this run writes is not rooted until its result links exist:
    # nixlite gc waits until the run is done.
    with gc_lock(store, exclusive=False):
        return _build(args, store)


def _build(args, store):
    from nixlite import deps, evalcache
    from nixlite.build import namespace
    from nixlite.build.progress import progress_for
    from nixlite.build.sandbox import SERVER
    from nixlite.build.scheduler import realise
    from nixlite.store.gc import add_indirect_root
    from nixlite.store.instantiate import instantiate

    read_store_paths(args, store)
    if namespace.entered(store.physical, store.store_dir):
        SERVER.start()   # (its start-up overlaps evaluation)
    recorder = None
    if args.paths and args.paths[0].endswith(".drv"):
        printed = [from_os(p) for p in args.paths]
    else:
        args.file = args.paths[0] if args.paths else None
        recorder = evalcache.start(args.argv)
        try:
            printed = [p for value in _evaluate_selected(args, call=True) for p in instantiate(store, value)]
        finally:
            deps.stop()
    drv_paths = [p.split("!")[0] for p in printed]
    with progress_for(sys.stderr) as progress:
        built = realise(store, drv_paths, jobs=args.max_jobs or os.cpu_count() or 1,
                        cores=args.cores or os.cpu_count() or 1, keep_failed=args.keep_failed,
                        sandbox=args.sandbox, progress=progress)
    results = []
    for line in printed:
        drv_path, _, output = line.partition("!")
        results.append(built[drv_path][output or "out"])
    out = sys.stdout.buffer
    roots = []
    for i, path in enumerate(results):
        if not args.no_out_link:
            link = args.out_link + ("" if i == 0 else f"-{i + 1}")
            if os.path.islink(link):
                os.unlink(link)
            os.symlink(store.physical_path(path), link)
            roots.append(add_indirect_root(store, link))
        out.write(path.encode("latin-1") + b"\n")
    evalcache.save(store.root, args.argv, recorder, results, roots)
    return 0


def prepare_build(args):
    """Enter the build namespace while the process has one thread."""
    from nixlite.build import namespace
    from nixlite.store.paths import STORE_DIR
    from nixlite.storedir import default_root

    physical = os.path.join(args.root or default_root(), "store")
    os.makedirs(physical, exist_ok=True)
    namespace.prepare(physical, STORE_DIR)


def prepare_run(args):
    """As prepare_build, for a store that must exist already."""
    from nixlite.storedir import default_root

    if os.path.isdir(os.path.join(args.root or default_root(), "store")):
        prepare_build(args)


def prepare_eval(args):
    if args.read_write_mode:
        prepare_build(args)


def cmd_show_derivation(args):
    from nixlite.bytestr import to_os
    from nixlite.store.aterm import parse_derivation
    from nixlite.store.builtins import STORE
    from nixlite.store.instantiate import instantiate
    from nixlite.store.show import show_derivations
    from nixlite.store.store import Store

    store = Store(args.root)
    if args.path:
        drv_paths = [from_os(p) for p in args.path]
    else:
        drv_paths = [p.split("!")[0] for value in _evaluate_selected(args, call=True)
                     for p in instantiate(store, value)]
    drvs = {}
    for drv_path in drv_paths:
        if drv_path in STORE.derivations:
            drvs[drv_path] = STORE.derivations[drv_path]
            continue
        if not store.is_valid(drv_path):
            raise NixError(f"path '{drv_path}' is not valid")
        with open(to_os(store.physical_path(drv_path)), "rb") as f:
            name = drv_path.rsplit("/", 1)[1].split("-", 1)[1][:-4]
            drvs[drv_path] = parse_derivation(f.read().decode("latin-1"), name)
    sys.stdout.buffer.write(show_derivations(drvs).encode("latin-1") + b"\n")
    return 0


def cmd_path_info(args):
    from nixlite.store.store import Store

    store = Store(args.root)
    paths = [from_os(p) for p in args.paths]
    for p in paths:
        if not store.is_valid(p):
            raise NixError(f"path '{p}' is not valid")
    if args.recursive:
        paths = sorted(store.closure(paths))
    out = sys.stdout.buffer
    width = max(len(p) for p in paths)
    for p in paths:
        line = p
        if args.size:
            line = f"{p.ljust(width)}\t{store.query(p).nar_size}"
        out.write(line.encode("latin-1") + b"\n")
    return 0


def cmd_verify(args):
    from nixlite.store.store import Store

    store = Store(args.root)
    bad = store.verify()
    for p in bad:
        sys.stderr.write(f"path '{p}' was modified! expected hash differs\n")
    return 1 if bad else 0


def _add_eval_flags(p):
    p.add_argument("file", nargs="?", help="a .nix file (default: ./default.nix, else the package set), or - for stdin")
    _add_expression_flags(p)


def _add_expression_flags(p):
    """What selects and calls the expression, for every command that evaluates."""
    p.add_argument("-E", "--expr", help="use this expression instead of a file")
    p.add_argument("-A", "--attr", action="append", help="select this attribute path (repeatable)")
    p.add_argument("--arg", nargs=2, action="append", default=[], metavar=("NAME", "EXPR"),
                   help="pass NAME = EXPR to a top-level function")
    p.add_argument("--argstr", nargs=2, action="append", default=[], metavar=("NAME", "STRING"),
                   help="pass NAME = STRING to a top-level function")
    p.add_argument("-I", dest="include", action="append", default=[], metavar="PATH",
                   help="add PATH (or PREFIX=PATH) to the search path for <...>")
    p.add_argument("--show-trace", action="store_true", help="show more context on errors")


def _add_root_flag(p):
    p.add_argument("--root", default=None,
                   help="nixlite's store root (default: $NIXLITE_ROOT or ~/.local/share/nixlite)")


def cmd_run(args):
    """Run a program where nixlite's store is at the store directory, as
    builds see it (read-only): what a result refers to (`nixlite run
    ./result`, the script of a streamed image) runs as it would in a
    container."""
    import ctypes
    import signal
    from nixlite.build import namespace
    from nixlite.store.paths import STORE_DIR
    from nixlite.storedir import default_root

    root = args.root or default_root()
    if not os.path.exists(os.path.join(root, "var", "nixlite", "db.sqlite")):
        raise NixError(f"there is no nixlite store at '{root}' (give the --root that built what you run)")
    try:
        namespace.require(os.path.join(root, "store"), STORE_DIR)
        namespace.make_read_only(STORE_DIR)
    except namespace.NamespaceError as e:
        raise NixError(str(e)) from None
    # Python ignores these, and the program would inherit that (this runs
    # off the main thread, where the signal module may not change them).
    libc = ctypes.CDLL(None)
    for number in (signal.SIGPIPE, signal.SIGXFSZ):
        libc.signal(int(number), ctypes.c_void_p(int(signal.SIG_DFL)))
    try:
        os.execvp(args.program, [args.program, *args.args])
    except OSError as e:
        raise NixError(f"cannot run '{args.program}': {e.strerror}") from None


def cmd_pkgs_path(args):
    from nixlite.pkgs import PKGS_PATH
    print(PKGS_PATH)
    return 0


def cmd_log(args):
    from nixlite.build.builder import log_file
    from nixlite.store.store import Store

    store = Store(args.root)
    path = from_os(args.path)
    physical = os.path.realpath(args.path)
    if os.path.lexists(args.path) and physical.startswith(store.physical + "/"):
        # a result link, or any file inside the physical store
        path = store.store_dir + "/" + from_os(physical[len(store.physical) + 1:]).split("/", 1)[0]
    if not path.endswith(".drv"):
        info = store.query(path)
        if info is None or not info.deriver:
            raise NixError(f"path '{path}' is not a derivation nor a built output nixlite knows")
        path = info.deriver
    log = log_file(store, path)
    if not os.path.exists(log):
        if _built_silently(store, path):
            return 0
        raise NixError(f"build log of '{path}' is not available")
    with open(log, "rb") as f:
        sys.stdout.buffer.write(f.read())
    return 0


def _built_silently(store, drv_path):
    """Whether nixlite built `drv_path` (its outputs are valid, made by
    it) though no log is there: a build that wrote nothing leaves none."""
    from nixlite.build.scheduler import load_derivation

    try:
        drv = load_derivation(store, drv_path)
    except OSError:
        return False
    infos = [store.query(out.path) for out in drv.outputs.values()]
    return all(info is not None and info.deriver == drv_path for info in infos)


def cmd_gc(args):
    from nixlite.build.locks import gc_lock
    from nixlite.store.gc import collect
    from nixlite.store.store import Store

    store = Store(args.root)
    with gc_lock(store, exclusive=True):
        count, freed = collect(store)
    sys.stdout.write(f"{count} store paths deleted, {freed / (1024 * 1024):.2f} MiB freed\n")
    return 0


def cmd_conform(args):
    from nixlite.conform import conform
    return conform(args.paths, json_output=args.json)


def _terminal_columns():
    """The terminal's width, as shutil finds it ($COLUMNS, then stdout's
    terminal, then 80)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def build_parser():
    import argparse

    class Formatter(argparse.HelpFormatter):
        """argparse's, told the terminal's width: finding it itself, it
        imports shutil (and bz2 and lzma with it), a few ms at every start."""

        def __init__(self, prog, **kwargs):
            kwargs.setdefault("width", _terminal_columns() - 2)
            super().__init__(prog, **kwargs)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)

    parser = Parser(prog="nixlite", description="A Nix implementation in Python.")
    parser.add_argument("--version", action="version", version=f"nixlite {__version__}")
    parser.add_argument("--store-dir", metavar="DIR",
                        help="the logical store directory (default: $NIX_STORE_DIR or /nix/store)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="print the parsed expression as nix-instantiate --parse does")
    p.add_argument("file", nargs="?", default="-", help="a .nix file, or - for stdin (default)")
    p.add_argument("-E", "--expr", help="parse this expression instead of a file")
    p.set_defaults(run=cmd_parse)

    p = sub.add_parser("eval", help="evaluate an expression as nix-instantiate --eval does")
    _add_eval_flags(p)
    p.add_argument("--strict", action="store_true", help="evaluate the whole result")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--xml", action="store_true", help="print the result as XML")
    p.add_argument("--no-location", action="store_true", help="omit positions (XML output)")
    p.add_argument("--read-write-mode", action="store_true",
                   help="write toFile results and sources to the store and build what evaluation reads")
    _add_root_flag(p)
    p.set_defaults(run=cmd_eval, prepare=prepare_eval)

    p = sub.add_parser("instantiate", help="write the derivations of an expression to the store, as nix-instantiate")
    _add_eval_flags(p)
    _add_root_flag(p)
    p.set_defaults(run=cmd_instantiate, prepare=prepare_build)

    p = sub.add_parser("build", help="build the derivations of an expression, as nix-build")
    p.add_argument("paths", nargs="*", metavar="FILE|DRV", help="a .nix file (default: ./default.nix, else the package set) or .drv paths")
    _add_expression_flags(p)
    p.add_argument("-o", "--out-link", default="result", help="name of the result symlink (default: result)")
    p.add_argument("--no-out-link", action="store_true", help="make no result symlink")
    p.add_argument("-j", "--max-jobs", type=int, help="builds to run at once (default: the number of cores)")
    p.add_argument("--cores", type=int, help="NIX_BUILD_CORES for each build (default: the number of cores)")
    p.add_argument("--keep-failed", action="store_true", help="keep the build directory of a failed build")
    p.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                   help="run builders against the host's file system, as Nix's sandbox = false")
    _add_root_flag(p)
    p.set_defaults(run=cmd_build, prepare=prepare_build)

    p = sub.add_parser("run", help="run a program with nixlite's store at /nix/store (e.g. ./result of a streamed image)")
    p.add_argument("program")
    p.add_argument("args", nargs=argparse.REMAINDER, metavar="[ARG...]", help="arguments of the program")
    _add_root_flag(p)
    p.set_defaults(run=cmd_run, prepare=prepare_run)

    p = sub.add_parser("pkgs-path", help="print where the package set nixlite ships lives (what <nixpkgs> means)")
    p.set_defaults(run=cmd_pkgs_path)

    p = sub.add_parser("log", help="print the build log of a derivation (or of an output it built)")
    p.add_argument("path", metavar="DRV|PATH")
    _add_root_flag(p)
    p.set_defaults(run=cmd_log)

    p = sub.add_parser("gc", help="delete store paths not reachable from the result links of nixlite build")
    _add_root_flag(p)
    p.set_defaults(run=cmd_gc)

    p = sub.add_parser("show-derivation", help="print derivations as JSON, as nix show-derivation")
    p.add_argument("path", nargs="*", help=".drv paths (or give -E / a file and -A)")
    p.add_argument("-f", "--file", dest="file", help="evaluate this file")
    p.add_argument("-E", "--expr", help="evaluate this expression")
    p.add_argument("-A", "--attr", action="append", help="select this attribute path")
    p.set_defaults(arg=[], argstr=[], include=[], show_trace=False)
    _add_root_flag(p)
    p.set_defaults(run=cmd_show_derivation)

    store_parser = sub.add_parser("store", help="query and check nixlite's store")
    store_sub = store_parser.add_subparsers(dest="store_command", required=True, metavar="COMMAND")
    p = store_sub.add_parser("path-info", help="print store paths (-r: their closure, -S: NAR sizes)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-r", "--recursive", action="store_true")
    p.add_argument("-S", "--size", action="store_true")
    _add_root_flag(p)
    p.set_defaults(run=cmd_path_info)
    p = store_sub.add_parser("verify", help="recompute the NAR hash of every valid path")
    _add_root_flag(p)
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser("conform", help="evaluate files with nixlite and with real Nix and compare")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".nix files or directories of them")
    p.add_argument("--json", action="store_true", help="compare --json output")
    p.set_defaults(run=cmd_conform)
    return parser


def entry():
    """The console script: run, flush, and leave without tearing down the
    heap (freeing a large syntax tree object by object takes a while). A
    build whose evaluation is cached is answered before the rest of
    nixlite is even imported."""
    if sys.stdout is None:   # started with its standard output closed
        if sys.stderr is not None:
            sys.stderr.write("error: writing to standard output: Bad file descriptor\n")
        os._exit(1)
    if sys.argv[1:2] == ["build"]:
        from nixlite import evalcache
        status = evalcache.answer(sys.argv[1:])
        if status is not None:
            _flush()
            os._exit(status)
    status = main()
    _flush()
    os._exit(status)


def _flush():
    """Flush what is left (a closed or broken stdout has been reported)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


def main(argv=None):
    from nixlite.deepstack import run_deep

    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.store_dir:
        os.environ["NIX_STORE_DIR"] = args.store_dir  # read when the store modules load
    import nixlite.store.builtins  # noqa: F401  (the store's builtins)
    if getattr(args, "prepare", None):
        args.prepare(args)
    try:
        status = run_deep(args.run, args)
    except NixError as e:
        sys.stdout.flush()
        sys.stderr.buffer.write(e.render(getattr(args, "show_trace", False)).encode("latin-1"))
        return getattr(e, "status", 1)
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
