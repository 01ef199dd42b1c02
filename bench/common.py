"""What the benchmarks share: the nixlite command of this environment, run
from bytecode as an installed package runs."""

import subprocess
import sys
from pathlib import Path

NIXLITE = str(Path(sys.executable).parent / "nixlite")


def compile_nixlite():
    package = Path(__file__).resolve().parent.parent / "nixlite"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL)
