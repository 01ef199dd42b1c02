"""What the benchmarks share: the nixlite command of this environment, run
from bytecode as an installed package runs."""

import os
import subprocess
import sys
import time
from pathlib import Path

NIXLITE = str(Path(sys.executable).parent / "nixlite")


def compile_nixlite():
    package = Path(__file__).resolve().parent.parent / "nixlite"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL)


def timed(cmd, env=None):
    """(seconds, stdout) of a command that must succeed."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode(errors='replace')[-3000:]}")
    return elapsed, proc.stdout


def bench_env(tmp):
    """The environment both tools run in: a HOME of their own under `tmp`,
    no search path."""
    home = tmp / "home"
    home.mkdir()
    return dict(os.environ, HOME=str(home), NIX_PATH="")


def kept_root(name):
    """The nixlite root a benchmark keeps from one run of it to the next,
    as Nix keeps /nix/store: $XDG_CACHE_HOME/nixlite-bench/NAME (delete it
    to start over). A root made afresh in a temporary directory would land
    wherever the file system puts a new directory, and on ext4 the cost
    of creating a file there depends, tenfold, on how many inodes were
    freed near it lately (the tests and the last run free thousands)."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "nixlite-bench" / name
