"""The package set nixlite ships, written in Nix: `<nixpkgs>` resolves here
when the search path names no other, and so do `nixlite build`, `instantiate`
and `eval` given no file. This module only says where it lives."""

from pathlib import Path

PKGS_PATH = Path(__file__).resolve().parent
