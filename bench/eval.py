#!/usr/bin/env python3
"""Evaluation speed: nixlite eval against nix-instantiate --eval, in one run.

Each benchmark is a Nix expression evaluated by both tools as a whole
command (process start included); the figure is the median of --runs runs,
and the ratio is nixlite's median over Nix's.

    .venv/bin/python bench/eval.py [--runs N] [NAME...]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import NIXLITE, compile_nixlite

NIXLITE_EVAL = [NIXLITE, "eval", "--strict"]
NIX = ["nix-instantiate", "--eval", "--strict"]

BENCHMARKS = {
    "startup": "1 + 1",
    "fib": "let fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2); in fib 27",
    "attrsets": """
        let
          big = builtins.listToAttrs (builtins.genList (i: { name = "a${toString i}"; value = i; }) 20000);
          updated = builtins.foldl' (acc: i: acc // { "k${toString i}" = i; }) big (builtins.genList (i: i) 2000);
        in builtins.length (builtins.attrNames updated)
    """,
    "foldl": "builtins.foldl' (acc: x: acc + x) 0 (builtins.genList (x: x) 1000000)",
    "strings": """
        let
          s = builtins.concatStringsSep "" (builtins.genList (i: "abc${toString i} ") 50000);
          r = builtins.replaceStrings [ "abc" "1" ] [ "xyz" "one" ] s;
        in builtins.stringLength (r + s)
    """,
}


def median_time(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode(errors='replace')}")
    return statistics.median(times), proc.stdout


def main():
    compile_nixlite()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("names", nargs="*", choices=[[], *BENCHMARKS], default=[])
    args = parser.parse_args()
    names = args.names or list(BENCHMARKS)
    print(f"{'benchmark':<12}{'nix':>10}{'nixlite':>10}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = Path(tmp) / f"{name}.nix"
            path.write_text(BENCHMARKS[name])
            nix, nix_out = median_time(NIX + [str(path)], args.runs)
            mine, my_out = median_time(NIXLITE_EVAL + [str(path)], args.runs)
            same = "" if nix_out == my_out else "  (outputs differ!)"
            print(f"{name:<12}{nix:>9.3f}s{mine:>9.3f}s{mine / nix:>7.1f}x{same}")


if __name__ == "__main__":
    main()
