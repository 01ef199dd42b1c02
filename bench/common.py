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
