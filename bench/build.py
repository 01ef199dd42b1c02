#!/usr/bin/env python3
"""Build speed: a graph of trivial derivations built by `nixlite build` and
by `nix-build --option sandbox false --max-jobs <cores>`, in one run.

The graph has --layers layers of --width derivations; each derivation
depends on two of the layer before it and its builder is `/bin/sh -c`
writing one line. Every run uses a fresh salt, so each cold build really
builds everything (new paths in /nix/store for Nix, new ones in its root for nixlite,
sandboxed as by default and with --no-sandbox, as Nix runs here); the
no-op figure is the same command run again once everything is valid.
Figures are medians of --runs runs. Each tool keeps its store across runs
and across benchmarks, as Nix keeps /nix/store (nixlite's roots are in
~/.cache/nixlite-bench, see common.py): deleting a store would leave the
file system busy with freshly freed inodes that slow the next run down.
Two more lines put the figures in proportion: the builders alone, run by
xargs, and `nixlite instantiate` alone.

    .venv/bin/python bench/build.py [--runs N] [--layers N] [--width N]
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import tempfile
import uuid
from pathlib import Path

from common import NIXLITE, bench_env, compile_nixlite, kept_root, timed

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
        times["builders alone"], times["instantiate alone"] = [], []
        root, plain_root = kept_root("build"), kept_root("build-no-sandbox")
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
            # What no build tool can go below: the same builders, run by
            # xargs (layer after layer, -P cores), and nixlite's evaluation
            # and .drv files alone.
            times["builders alone"].append(builders_alone(args.layers, args.width, cores))
            times["instantiate alone"].append(
                timed([NIXLITE, "instantiate", str(expr), "--root", str(kept_root("build-instantiate"))], env)[0])
    print(f"{args.layers * args.width} derivations ({args.layers} layers of {args.width}), "
          f"-j {cores}, median of {args.runs}")
    print(f"{'build':<8}{'nix':>9}{'sandboxed':>11}{'ratio':>8}{'unsandboxed':>13}{'ratio':>8}")
    for phase in ("cold", "no-op"):
        nix = statistics.median(times["nix", phase])
        boxed = statistics.median(times["nixlite", phase])
        plain = statistics.median(times["nixlite --no-sandbox", phase])
        print(f"{phase:<8}{nix:>8.3f}s{boxed:>10.3f}s{boxed / nix:>7.2f}x{plain:>12.3f}s{plain / nix:>7.2f}x")
    nix = statistics.median(times["nix", "cold"])
    for what in ("builders alone", "instantiate alone"):
        alone = statistics.median(times[what])
        print(f"{what + ':':<19}{alone:.3f}s = {alone / nix:.2f}x nix cold")


def builders_alone(layers, width, cores):
    """Seconds to run the graph's builder commands with xargs, layer by
    layer, `cores` at a time, each writing a new file."""
    out = kept_root("build-builders-alone")   # (their files are left there, as stores keep theirs)
    out.mkdir(parents=True, exist_ok=True)
    scripts = []
    for layer in range(layers):
        lines = "".join(f"echo {layer}.{i} x > {out}/node-{layer}-{i}-{uuid.uuid4().hex}\n" for i in range(width))
        scripts.append(lines.encode())
    start = time.perf_counter()
    for lines in scripts:
        subprocess.run(["xargs", "-P", cores, "-d", "\\n", "-n", "1", "/bin/sh", "-c"], input=lines, check=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
