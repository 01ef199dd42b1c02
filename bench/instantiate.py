#!/usr/bin/env python3
"""Instantiation speed: a generated graph of derivations written to a store
by `nixlite instantiate` and by `nix-instantiate`, in one run.

Each derivation depends on a few earlier ones and has a toFile and a path
input. Both tools are timed twice: writing into an empty store (Nix into a
fresh `--store` directory, nixlite into a fresh root), and again with
everything already there. Figures are medians of --runs runs.

    .venv/bin/python bench/instantiate.py [--runs N] [--count N]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import NIXLITE, compile_nixlite, timed



def graph(count):
    return f"""
let
  mk = i: deps: derivation {{
    name = "node-${{toString i}}";
    builder = "/bin/sh";
    system = "x86_64-linux";
    args = [ "-c" "echo ${{toString i}} > $out" ];
    config = builtins.toFile "config-${{toString i}}" "node=${{toString i}}";
    src = ./input.txt;
    inherit deps;
  }};
  nodes = builtins.genList (i:
    mk i (builtins.map (j: builtins.elemAt nodes j)
      (builtins.filter (j: j >= 0) [ (i - 1) (i - 7) (i - 31) ]))) {count};
in {{ last = builtins.elemAt nodes ({count} - 1); }}
"""


def measure(cmd, store_dir, runs, env=None):
    """(median cold time, median warm time, output)."""
    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(store_dir, ignore_errors=True)
        t, out = timed(cmd, env)
        cold.append(t)
        t, _ = timed(cmd, env)
        warm.append(t)
    shutil.rmtree(store_dir, ignore_errors=True)
    return statistics.median(cold), statistics.median(warm), out


def main():
    compile_nixlite()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "input.txt").write_text("input\n")
        (tmp / "graph.nix").write_text(graph(args.count))
        nix_store, root = tmp / "nix-store", tmp / "nixlite-root"
        nix = measure(["nix-instantiate", "--store", str(nix_store), str(tmp / "graph.nix")], nix_store, args.runs)
        mine = measure([NIXLITE, "instantiate", "--root", str(root), str(tmp / "graph.nix")], root, args.runs)
        same = "" if nix[2] == mine[2] else "  (outputs differ!)"
        print(f"{args.count} derivations{same}")
        print(f"{'store':<10}{'nix':>9}{'nixlite':>10}{'ratio':>8}")
        for label, i in (("empty", 0), ("filled", 1)):
            print(f"{label:<10}{nix[i]:>8.3f}s{mine[i]:>9.3f}s{mine[i] / nix[i]:>7.1f}x")


if __name__ == "__main__":
    main()
