"""`python -m nixlite` runs the command line."""

from nixlite.cli import entry

entry()
