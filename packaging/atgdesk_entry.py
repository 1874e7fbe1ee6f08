"""Entry script for the frozen app: the same command line as the installed ``atgdesk`` command."""

import sys

from atgdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
