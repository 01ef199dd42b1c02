#!/usr/bin/env python3
"""Parse speed: nixlite (cold and warm cache) against nix-instantiate --parse.

Inputs: the dockerTools seed and a generated ~1 MB file of package-set-like
Nix. Every tool runs as a whole command (process start included) and prints
to /dev/null; each figure is the best of --runs runs.

    .venv/bin/python bench/parse.py [--runs N] [--size BYTES]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import NIXLITE, compile_nixlite

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "dockertools" / "default.nix"
NIXLITE_PARSE = [NIXLITE, "parse"]


def package(rng, i):
    name = f"pkg{i}"
    deps = " ".join(sorted({f"pkg{rng.randrange(max(i, 1))}" for _ in range(rng.randrange(4))}))
    return f'''  {name} = callPackage ({{ lib, stdenv, fetchurl, {deps.replace(" ", ", ") or "zlib"} ? null, ... }}@args:
    stdenv.mkDerivation rec {{
      pname = "{name}";
      version = "{rng.randrange(10)}.{rng.randrange(100)}.{rng.randrange(10)}";
      src = fetchurl {{
        url = "https://example.org/${{pname}}/${{pname}}-${{version}}.tar.gz";
        sha256 = "{"".join(rng.choice("0123456789abcdfghijklmnpqrsvwxyz") for _ in range(52))}";
      }};
      patches = [ ./patches/{name}-fix.patch ] ++ lib.optional stdenv.isLinux ./linux.patch;
      buildInputs = [ {deps} ];
      configureFlags = [ "--enable-shared" "--with-x=${{if args ? x then "yes" else "no"}}" ];
      doCheck = version != "0.0.0" && !(args.skipCheck or false);
      postInstall = \'\'
        mkdir -p $out/share/{name}
        cp -r ${{./data}}/* $out/share/{name}/
        echo "built ${{pname}} ${{toString ({i} * 2 + 1)}}" > $out/share/{name}/info
      \'\';
      passthru.tests = {{ simple = runCommand "{name}-test" {{ }} "touch $out"; }};
      meta = with lib; {{
        description = "Package number {i}";
        license = licenses.mit;
        platforms = platforms.unix;
        priority = {i} - 10;
      }};
    }}) {{ }};
'''


def generate(size):
    rng = random.Random(42)
    parts = ["{ lib, callPackage, runCommand, ... }:\n\nrec {\n"]
    total, i = 0, 0
    while total < size:
        text = package(rng, i)
        parts.append(text)
        total += len(text)
        i += 1
    parts.append("}\n")
    return "".join(parts)


def best_time(cmd, runs, env=None, before=None):
    best = float("inf")
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode(errors='replace')}")
        best = min(best, elapsed)
    return best


def main():
    compile_nixlite()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    if not shutil.which("nix-instantiate"):
        sys.exit("bench/parse.py needs nix-instantiate (apt-get install nix-bin)")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.nix"
        big.write_text(generate(args.size))
        cache = Path(tmp) / "cache"
        env = dict(os.environ, NIXLITE_CACHE_DIR=str(cache))

        def clear_cache():
            shutil.rmtree(cache, ignore_errors=True)

        print(f"{'input':<22}{'nix':>9}{'cold':>9}{'warm':>9}{'cold/nix':>10}{'warm/nix':>10}")
        for label, path in (("dockertools seed", SEED), (f"generated {big.stat().st_size // 1000} kB", big)):
            nix = best_time(["nix-instantiate", "--parse", str(path)], args.runs)
            cold = best_time(NIXLITE_PARSE + [str(path)], args.runs, env, before=clear_cache)
            warm = best_time(NIXLITE_PARSE + [str(path)], args.runs, env)
            print(f"{label:<22}{nix:>8.3f}s{cold:>8.3f}s{warm:>8.3f}s{cold / nix:>9.1f}x{warm / nix:>9.2f}x")


if __name__ == "__main__":
    main()
