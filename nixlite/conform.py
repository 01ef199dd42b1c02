"""`nixlite conform`: check Nix files against the real Nix.

Each file is evaluated by nixlite and by `nix-instantiate --eval --strict`
(which must be installed); outputs and exit statuses are compared, and any
difference is shown as a diff. Exit status 1 if anything differs.
"""

import difflib
import os
import shutil
import subprocess
import sys

from nixlite.deepstack import run_deep
from nixlite.diagnostics import NixError


def nix_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(".nix"):
                        yield os.path.join(root, name)
        else:
            yield path


def run_nix(path, json_output):
    # --read-write-mode: Nix 2.8 needs it for derivations that depend on others.
    args = ["nix-instantiate", "--eval", "--strict", "--read-write-mode", *(["--json"] if json_output else []), path]
    proc = subprocess.run(args, capture_output=True, timeout=600)
    return proc.returncode, (proc.stdout if proc.returncode == 0 else proc.stderr).decode("latin-1")


def run_nixlite(path, json_output):
    import nixlite.store.builtins  # noqa: F401  (the store's builtins)
    from nixlite.eval.builtins.json import to_json
    from nixlite.eval.machine import Evaluator
    from nixlite.eval.ops import deep_force
    from nixlite.eval.printer import print_value
    from nixlite.syntax.parse import parse_file

    def evaluate():
        value = Evaluator().evaluate_module(parse_file(path))
        return to_json(value, set()) if json_output else print_value(deep_force(value))
    try:
        return 0, run_deep(evaluate) + "\n"
    except NixError as e:
        return 1, e.render(terminal=False)  # as Nix writes it to a pipe


def conform(paths, json_output=False, out=sys.stdout):
    if shutil.which("nix-instantiate") is None:
        raise NixError("nixlite conform needs the real Nix: apt-get install nix-bin")
    passed = failed = 0
    for path in nix_files(paths):
        expected = run_nix(path, json_output)
        actual = run_nixlite(path, json_output)
        if expected == actual:
            passed += 1
            out.write(f"PASS  {path}\n")
            continue
        failed += 1
        out.write(f"DIFF  {path}\n")
        diff = difflib.unified_diff(
            expected[1].splitlines(), actual[1].splitlines(),
            f"nix (exit {expected[0]})", f"nixlite (exit {actual[0]})", lineterm="")
        for line in diff:
            out.write(f"      {line}\n")
    out.write(f"{passed} passed, {failed} failed\n")
    return 0 if failed == 0 else 1

