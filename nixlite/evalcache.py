"""The evaluation cache: `nixlite build` run again on unchanged inputs
answers from a record of its last run instead of evaluating.

Most builds of an image or a package set are no-ops: everything is built
already, and all the time goes into evaluating the expression again to
find that out. After a build whose evaluation was pure, nixlite writes a
record under `var/nixlite/eval-cache/` of the store root, keyed by the
command line, the directory it ran in and the environment variables
evaluation depends on. The record holds what the evaluation read and asked
(nixlite/deps.py), the stamp of nixlite's own code, and the output paths
with their result links. The next run with the same key (and builtins.currentSystem),
before importing
anything of the evaluator, asks the same questions again; if every answer
is the same and every output is still valid in the store, it makes the
result links and prints the outputs, as the full run would have.

Any doubt means the full run: an option this module does not know, a
changed file or variable, a missing output, a record that cannot be read.
`NIXLITE_EVAL_CACHE=0` turns the cache off.
"""

import fcntl
import json
import os
import sys

from nixlite import deps
from nixlite.storedir import default_root
from nixlite.system import CURRENT_SYSTEM

FORMAT = 1
KEY_ENV = ("HOME", "NIX_PATH", "NIX_STORE_DIR", "NIXLITE_ROOT", "XDG_DATA_HOME")
FLAGS = {"--no-out-link", "--no-sandbox", "--keep-failed", "--show-trace"}
ONE_VALUE = {"-A", "--attr", "-o", "--out-link", "--root", "-j", "--max-jobs", "--cores", "-I", "-E", "--expr"}
TWO_VALUES = {"--arg", "--argstr"}


def enabled():
    return os.environ.get("NIXLITE_EVAL_CACHE", "1") != "0"


def build_options(argv):
    """(store root, result link or None) of `build ...` arguments that the
    cache can answer for; None otherwise."""
    if not argv or argv[0] != "build":
        return None
    root, out_link, no_link = None, "result", False
    i = 1
    while i < len(argv):
        arg = argv[i]
        if arg in FLAGS:
            no_link = no_link or arg == "--no-out-link"
            i += 1
        elif arg in ONE_VALUE and i + 1 < len(argv):
            if arg == "--root":
                root = argv[i + 1]
            elif arg in ("-o", "--out-link"):
                out_link = argv[i + 1]
            i += 2
        elif arg in TWO_VALUES and i + 2 < len(argv):
            i += 3
        elif arg.startswith("-") or arg.endswith(".drv"):
            return None   # not known here, or no evaluation to save
        else:
            i += 1
    return os.path.abspath(root or default_root()), None if no_link else out_link


def record_path(root, argv):
    import xxhash
    material = json.dumps([FORMAT, argv, os.getcwd(), CURRENT_SYSTEM, [os.environ.get(name) for name in KEY_ENV]])
    return os.path.join(root, "var", "nixlite", "eval-cache", xxhash.xxh3_128_hexdigest(material.encode()))


def code_stamp():
    """Stamps of nixlite's own source files: a changed nixlite evaluates anew."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamps = []
    todo = [package]
    while todo:
        directory = todo.pop()
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__" or entry.name == "pkgs":
                    continue   # (the package set's files are read, so noted, by evaluation)
                if entry.is_dir():
                    todo.append(entry.path)
                elif entry.name.endswith((".py", ".lark")):
                    st = entry.stat()
                    stamps.append([entry.path, st.st_size, st.st_mtime_ns])
    return stamps


def _unchanged(record):
    for key, wanted in record["files"].items():
        try:
            if deps.current_stamp(key) != wanted:
                return False
        except OSError:
            return False
    for question, path, answer in record["checks"]:
        try:
            if deps.ANSWERS[question](path) != answer:
                return False
        except OSError:
            return False
    for name, value in record["env"].items():
        if os.environ.get(name) != value:
            return False
    return record["code"] == code_stamp()


def answer(argv):
    """Answer `nixlite build ARGV` from its record; the exit status, or
    None when the full run must answer."""
    if not enabled() or sys.stdout is None:
        return None
    try:
        options = build_options(argv)
        if options is None:
            return None
        root, out_link = options
        with open(record_path(root, argv)) as f:
            record = json.load(f)
        if record.get("format") != FORMAT or not _unchanged(record):
            return None
        lock = os.open(os.path.join(root, "var", "nixlite", "locks", "gc.lock"), os.O_RDWR)
        fcntl.flock(lock, fcntl.LOCK_SH)   # held until exit: no gc between the check and the links
        if not _all_valid(root, record["outputs"]):
            return None
        if out_link is not None:
            _make_links(root, out_link, record)
    except Exception:   # anything amiss (an unreadable record, a missing database): the full run
        return None
    try:
        sys.stdout.buffer.write("".join(path + "\n" for path in record["outputs"]).encode("latin-1"))
        sys.stdout.flush()
    except OSError as e:   # as the full run reports it
        sys.stderr.write(f"error: {e}\n")
        return 1
    if os.environ.get("NIXLITE_DEBUG"):
        sys.stderr.write("nixlite: answered from the evaluation cache\n")
    return 0


def _all_valid(root, outputs):
    import sqlite3
    db = sqlite3.connect(f"file:{os.path.join(root, 'var', 'nixlite', 'db.sqlite')}?mode=ro", uri=True)
    try:
        wanted = set(outputs)
        found = {row[0] for row in db.execute(
            f"select path from ValidPaths where path in ({','.join('?' * len(wanted))})", sorted(wanted))}
    finally:
        db.close()
    return found == wanted


def _make_links(root, out_link, record):
    """The result links, and their gc roots, as the full run makes them
    (the root records' names are the ones the full run chose)."""
    for i, (path, root_record) in enumerate(zip(record["outputs"], record["roots"])):
        link = os.path.abspath(out_link + ("" if i == 0 else f"-{i + 1}"))
        _point(link, os.path.join(root, "store", path.rsplit("/", 1)[1]))
        _point(root_record, link)


def _point(link, target):
    """Make `link` a symlink to `target`, unless it is one already."""
    if os.path.islink(link):
        if os.readlink(link) == target:
            return
        os.unlink(link)
    os.symlink(target, link)


def start(argv):
    """A Recorder for the evaluation of `build ARGV`, if the cache can
    answer for that command line next time; else None."""
    return deps.start() if enabled() and build_options(argv) is not None else None


def save(root, argv, recorder, outputs, roots):
    """Write the record of a full run (nothing if nothing was recorded, the
    evaluation was impure or read files that changed too recently to trust
    their stamps)."""
    if recorder is None or recorder.impure or recorder.unsettled:
        return
    record = {
        "format": FORMAT,
        "code": code_stamp(),
        "files": recorder.files,
        "checks": [[question, path, answer] for (question, path), answer in recorder.checks.items()],
        "env": recorder.env,
        "outputs": outputs,
        "roots": roots,
    }
    path = record_path(root, argv)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}"
    with open(temporary, "w") as f:
        json.dump(record, f)
    os.replace(temporary, path)
