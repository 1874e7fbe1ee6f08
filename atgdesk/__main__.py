"""``python -m atgdesk`` runs the same entry point as the ``atgdesk`` command."""

import sys

from atgdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
