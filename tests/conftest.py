import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Tests never share the user's cache: each run starts cold in its own place.
os.environ.setdefault("NIXLITE_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "nixlite"))
