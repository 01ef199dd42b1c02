"""Running a conformance case through real Nix and through nixlite.

A case is a `.nix` file under corpus/; its expected output was recorded
from Nix by scripts/record_corpus.py. Outputs mention absolute paths inside
this checkout, whose location differs between machines: the checkout's root
is stored as @ROOT@. Both sides run with HOME=/tmp/nixlite-test-home so that `~/`
paths agree.

Nix 2.8 prints the bindings of a `let` and the formals of a lambda in the
order of its symbol table's memory addresses, which is not stable, so
comparisons sort exactly those two lists (`normalise`); nothing else is
normalised.
"""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Not /homeless-shelter: Nix creates files in HOME, and refuses to build
# while /homeless-shelter exists.
HOME = "/tmp/nixlite-test-home"
ROOT_MARK = "@ROOT@"


SEED = ROOT / "dockertools" / "default.nix"
SEED_EXPECTED = CORPUS / "parse" / "seed" / "dockertools-default.exp"


KINDS = ("parse", "eval", "trace", "drv")


def cases(kind, outcome):
    """The .nix files of corpus/KIND/OUTCOME, sorted; parse/ok includes the seed."""
    found = sorted((CORPUS / kind / outcome).glob("*.nix"))
    return found + [SEED] if (kind, outcome) == ("parse", "ok") else found


def expected_path(case):
    if case == SEED:
        return SEED_EXPECTED
    return case.with_suffix(".exp" if case.parent.name == "ok" else ".err")


def _mark(text):
    return text.replace(str(ROOT), ROOT_MARK)


# What each corpus kind runs: real Nix's arguments, and nixlite's command.
NIX_ARGS = {
    "parse": ["--parse"],
    "eval": ["--eval", "--strict"],
    "trace": ["--eval", "--strict", "--show-trace"],
    "drv": ["--eval", "--strict", "--read-write-mode"],
}


def nix_run(kind, case):
    """(exit status, marked output) of nix-instantiate on the case: stdout
    when it succeeds, stderr when it fails."""
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(
        ["nix-instantiate", *NIX_ARGS[kind], str(case)], capture_output=True, env=env,
        cwd=case.parent, timeout=120)
    out = proc.stdout if proc.returncode == 0 else proc.stderr
    return proc.returncode, _mark(out.decode("latin-1"))


def nixlite_run(kind, case):
    """(exit status, marked output) of nixlite on the case, in-process."""
    from nixlite.deepstack import run_deep
    from nixlite.diagnostics import NixError
    from nixlite.eval.errors import settings

    saved = {name: os.environ.get(name) for name in ("HOME", "NIX_PATH")}
    os.environ.update(HOME=HOME, NIX_PATH="")
    show_trace = kind == "trace"
    settings["show_trace"] = show_trace
    try:
        return 0, _mark(run_deep(RUNNERS[kind], case) + "\n")
    except NixError as e:
        return 1, _mark(e.render(show_trace, terminal=False))  # recorded from a pipe
    finally:
        settings["show_trace"] = False
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _parse(case):
    from nixlite.syntax.parse import parse_file
    from nixlite.syntax.show import show
    return show(parse_file(case).root)


def _eval(case):
    import nixlite.store.builtins  # noqa: F401
    from nixlite.eval.machine import Evaluator
    from nixlite.eval.ops import deep_force
    from nixlite.eval.printer import print_value
    from nixlite.syntax.parse import parse_file
    value = Evaluator().evaluate_module(parse_file(case))
    deep_force(value)
    return print_value(value)


RUNNERS = {"parse": _parse, "eval": _eval, "trace": _eval, "drv": _eval}


def drvs_path(case):
    return case.with_suffix(".drvs.json")


def nix_instantiate(case):
    """What `nix-instantiate FILE` prints, and the bytes of those .drv
    files in Nix's store: {"printed": [...], "drvs": {path: text}}."""
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(["nix-instantiate", str(case)], capture_output=True, env=env,
                          cwd=case.parent, timeout=120)
    printed = proc.stdout.decode("latin-1").split() if proc.returncode == 0 else []
    drvs = {}
    for line in printed:
        path = line.split("!")[0]
        with open(path, "rb") as f:
            drvs[path] = f.read().decode("latin-1")
    return {"printed": printed, "drvs": drvs}


def nixlite_instantiate(case, root):
    """The same as nix_instantiate, from nixlite, with its store at root."""
    import nixlite.store.builtins  # noqa: F401
    from nixlite.deepstack import run_deep
    from nixlite.diagnostics import NixError
    from nixlite.eval.machine import Evaluator
    from nixlite.store.instantiate import instantiate
    from nixlite.store.store import Store
    from nixlite.syntax.parse import parse_file

    store = Store(str(root))

    def run():
        return instantiate(store, Evaluator().evaluate_module(parse_file(case)))
    try:
        printed = run_deep(run)
    except NixError:
        printed = []
    drvs = {}
    for line in printed:
        path = line.split("!")[0]
        with open(store.physical_path(path), "rb") as f:
            drvs[path] = f.read().decode("latin-1")
    return {"printed": printed, "drvs": drvs}



# -- normalising the two unordered lists --------------------------------------

def _skip_string(text, i):
    """Index just past the string literal that starts at text[i] == '"'."""
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _split_top(text, sep, asserts=False):
    """Split at `sep` outside brackets and strings; with `asserts`, each
    `assert ` keyword at the top level swallows one `; ` of its own."""
    pieces, depth, start, pending, i = [], 0, 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == '"':
            if text.startswith('"${', i):
                depth += 1
                i += 3
                continue
            i = _skip_string(text, i)
            continue
        if c == "}" and text.startswith('}"', i) and depth:
            depth -= 1
            i += 2
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            if asserts and text.startswith("assert ", i) and (i == 0 or text[i - 1] == " "):
                pending += 1
                i += 7
                continue
            if text.startswith(sep, i):
                if pending:
                    pending -= 1
                else:
                    pieces.append(text[start:i])
                    start = i + len(sep)
                i += len(sep)
                continue
        i += 1
    pieces.append(text[start:])
    return pieces


def _spans(text):
    """(kind, start, end) of every let-bindings list and formals list."""
    spans, stack, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == '"':
            if text.startswith('"${', i):
                stack.append(["dyn", i])
                i += 3
                continue
            i = _skip_string(text, i)
            continue
        if c == "}" and stack and stack[-1][0] == "dyn" and text.startswith('}"', i):
            stack.pop()
            i += 2
            continue
        if c == "(":
            if text.startswith("(let ", i):
                stack.append(["let", i + 5, None])
                i += 5
                continue
            stack.append(["paren", i])
        elif c in "[{":
            stack.append(["open", i])
        elif c == "]":
            stack.pop()
        elif c == "}":
            _, start = stack.pop()
            if text[start - 1:start] == "(" and (text.startswith("}: ", i) or text.startswith("} @ ", i)):
                spans.append(("formals", start + 2, i - 1))
        elif c == ")":
            frame = stack.pop()
            if frame[0] == "let":
                spans.append(("let", frame[1], frame[2]))
        elif stack and stack[-1][0] == "let" and stack[-1][2] is None and text.startswith("in ", i) \
                and text[i - 1] == " ":
            stack[-1][2] = i
        i += 1
    return spans


def normalise(text):
    """`text` with every let-bindings list and formals list sorted."""
    for kind, start, end in sorted(_spans(text), key=lambda s: -s[1]):
        body = text[start:end]
        if kind == "let":
            items = _split_top(body, "; ", asserts=True)[:-1]
            new = "".join(item + "; " for item in sorted(items))
        else:
            items = _split_top(body, ", ")
            tail = [items.pop()] if items and items[-1] == "..." else []
            new = ", ".join(sorted(items) + tail)
        assert len(new) == len(body), (body, new)
        text = text[:start] + new + text[end:]
    return text


# -- the build corpus: derivations nix-build (sandbox = false) and nixlite build

NIX_BUILD_OPTIONS = ["--option", "sandbox", "false", "--option", "build-users-group", "",
                     "--option", "substituters", ""]


def build_cases():
    return sorted((CORPUS / "build").glob("*.nix"))


def build_record_path(case):
    return case.with_suffix(".build.json")


def nix_build_record(case):
    """What `nix-build FILE` prints, and the NAR hash Nix records for every
    output of those derivations: {"printed": [...], "outputs": {path: hash}}."""
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(["nix-build", str(case), "--no-out-link", *NIX_BUILD_OPTIONS], capture_output=True,
                          env=env, cwd=case.parent, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"nix-build {case.name} failed:\n{proc.stderr.decode(errors='replace')}")
    printed = proc.stdout.decode("latin-1").split()
    outputs = {}
    for drv in nix_instantiate(case)["printed"]:
        for out in _nix_store("--query", "--outputs", drv.split("!")[0]):
            outputs[out] = _nix_store("--query", "--hash", out)[0]
    return {"printed": printed, "outputs": outputs}


def _nix_store(*args):
    env = dict(os.environ, HOME=HOME, NIX_PATH="")
    proc = subprocess.run(["nix-store", *args], capture_output=True, env=env, check=True, timeout=60)
    return proc.stdout.decode("latin-1").split()
