#!/usr/bin/env python3
"""Image build speed: three dockerTools images (bash, a layered one, redis
with runAsRoot; bench/images.nix) built by `nixlite build` and by
`nix-build --option sandbox false`, in one run.

Both first build the package set the images use (host packages, stdenv,
tools), as a machine that has built an image before has it. Each run then
builds the images with a fresh salt, so everything that belongs to the
images (layers, configs, closures, the tarballs) is built anew: "cold";
and once more with the same salt, when everything is valid: "no-op".
Figures are medians of --runs runs. nixlite's root is kept from one run of
the benchmark to the next, as /nix/store is (see common.py).

    .venv/bin/python bench/images.py [--runs N]
"""

import argparse
import os
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

from common import NIXLITE, bench_env, compile_nixlite, kept_root, timed

NIX_OPTIONS = ["--option", "sandbox", "false", "--option", "build-users-group", "",
               "--option", "substituters", ""]
IMAGES = ["bash", "layered", "redis"]
FILE = Path(__file__).resolve().parent / "images.nix"


def main():
    compile_nixlite()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cores = str(os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = bench_env(tmp)
        root = kept_root("images")
        times = {(tool, image, phase): [] for tool in ("nix", "nixlite") for image in IMAGES
                 for phase in ("cold", "no-op")}

        def commands(image, salt):
            select = ["-A", image, "--argstr", "salt", salt, "--no-out-link"]
            return {
                "nix": ["nix-build", str(FILE), *select, "--max-jobs", cores, *NIX_OPTIONS],
                "nixlite": [NIXLITE, "build", str(FILE), *select, "-j", cores, "--root", str(root)],
            }

        warm_up = uuid.uuid4().hex
        for image in IMAGES:
            for cmd in commands(image, warm_up).values():
                timed(cmd, env)
        for _ in range(args.runs):
            salt = uuid.uuid4().hex
            for image in IMAGES:
                outputs = {}
                for tool, cmd in commands(image, salt).items():
                    for phase in ("cold", "no-op"):
                        elapsed, outputs[tool] = timed(cmd, env)
                        times[tool, image, phase].append(elapsed)
                if outputs["nix"] != outputs["nixlite"]:
                    sys.exit(f"{image}: nix-build and nixlite build printed different paths")
                nix_path = outputs["nix"].decode().strip()
                mine = root / "store" / nix_path.removeprefix("/nix/store/")
                if Path(nix_path).read_bytes() != mine.read_bytes():
                    sys.exit(f"{image}: nix-build and nixlite built different bytes")
    print(f"dockerTools images, -j {cores}, median of {args.runs} (nixlite sandboxed, nix-build without sandbox)")
    print(f"{'image':<10}{'phase':<8}{'nix':>9}{'nixlite':>10}{'ratio':>8}")
    for image in IMAGES:
        for phase in ("cold", "no-op"):
            nix = statistics.median(times["nix", image, phase])
            mine = statistics.median(times["nixlite", image, phase])
            print(f"{image:<10}{phase:<8}{nix:>8.3f}s{mine:>9.3f}s{mine / nix:>7.2f}x")


if __name__ == "__main__":
    main()
