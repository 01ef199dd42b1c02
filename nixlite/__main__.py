"""`python -m nixlite` runs the command line."""

import sys

from nixlite.cli import main

sys.exit(main())
