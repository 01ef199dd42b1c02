#!/usr/bin/env python3
"""Build speed: a graph of trivial derivations built by `nixlite build` and
by `nix-build --option sandbox false --max-jobs <cores>`, in one run.

The graph has --layers layers of --width derivations; each derivation
depends on two of the layer before it and its builder is `/bin/sh -c`
writing one line. Every run uses a fresh salt, so each cold build really
builds everything (new paths in /nix/store for Nix, new ones in its root for nixlite,
sandboxed as by default and with --no-sandbox, as Nix runs here); the
no-op figure is the same command run again once everything is valid.
Figures are medians of --runs runs. Each tool keeps its store across runs,
as Nix keeps /nix/store: deleting a store between runs would leave the
file system busy with freshly freed inodes that slow the next run down.

    .venv/bin/python bench/build.py [--runs N] [--layers N] [--width N]
"""

import argparse
import os
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

from common import NIXLITE, bench_env, compile_nixlite, timed

NIX_OPTIONS = ["--option", "sandbox", "false", "--option", "build-users-group", "",
               "--option", "substituters", ""]


def graph(layers, width, salt):
    return f"""
let
  mk = l: i: deps: derivation {{
    name = "node-${{toString l}}-${{toString i}}";
    builder = "/bin/sh";
    system = "x86_64-linux";
    salt = "{salt}";
    args = [ "-c" "echo ${{toString l}}.${{toString i}} $deps > $out" ];
    inherit deps;
  }};
  layer = l: builtins.genList (i:
    mk l i (if l == 0 then [ ] else
      let prev = builtins.elemAt layers (l - 1); j = i + 1 - (i + 1) / {width} * {width};
      in [ (builtins.elemAt prev i) (builtins.elemAt prev j) ]))
    {width};
  layers = builtins.genList layer {layers};
in builtins.concatLists layers
"""


def main():
    compile_nixlite()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--layers", type=int, default=10)
    parser.add_argument("--width", type=int, default=20)
    args = parser.parse_args()
    cores = str(os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = bench_env(tmp)
        tools = ("nix", "nixlite", "nixlite --no-sandbox")
        times = {(tool, phase): [] for tool in tools for phase in ("cold", "no-op")}
        root, plain_root = tmp / "root", tmp / "plain-root"
        for _ in range(args.runs):
            expr = tmp / "graph.nix"
            expr.write_text(graph(args.layers, args.width, uuid.uuid4().hex))
            mine = [NIXLITE, "build", str(expr), "--no-out-link", "-j", cores]
            commands = {
                "nix": ["nix-build", str(expr), "--no-out-link", "--max-jobs", cores, *NIX_OPTIONS],
                "nixlite": [*mine, "--root", str(root)],
                "nixlite --no-sandbox": [*mine, "--no-sandbox", "--root", str(plain_root)],
            }
            outputs = {}
            for tool, cmd in commands.items():
                for phase in ("cold", "no-op"):
                    elapsed, outputs[tool] = timed(cmd, env)
                    times[tool, phase].append(elapsed)
            if len(set(outputs.values())) != 1:
                sys.exit("nix-build and nixlite build printed different output paths")
    print(f"{args.layers * args.width} derivations ({args.layers} layers of {args.width}), "
          f"-j {cores}, median of {args.runs}")
    print(f"{'build':<8}{'nix':>9}{'sandboxed':>11}{'ratio':>8}{'unsandboxed':>13}{'ratio':>8}")
    for phase in ("cold", "no-op"):
        nix = statistics.median(times["nix", phase])
        boxed = statistics.median(times["nixlite", phase])
        plain = statistics.median(times["nixlite --no-sandbox", phase])
        print(f"{phase:<8}{nix:>8.3f}s{boxed:>10.3f}s{boxed / nix:>7.2f}x{plain:>12.3f}s{plain / nix:>7.2f}x")


if __name__ == "__main__":
    main()
