"""nixlite: a Nix implementation in Python."""

__version__ = "0.1.0"
