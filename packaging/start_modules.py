"""Build-time helper for atgdesk.spec: the Python modules the app's start-up loads.

Runs ``atgdesk --smoke`` in this process (offscreen, in a throwaway user folder) and writes the names of every
module then in ``sys.modules``, one per line, to the file named on the command line.  ``--smoke`` opens the
library window, builds and paints the calculator and every other area, so the list covers both first windows a
user can get (library, or a remembered calculator).  The spec stores these modules' bytecode uncompressed, so the
frozen app does not inflate them at every start (packaging/README.md, fifth round).  Not part of the app.

Usage: python packaging/start_modules.py OUT
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    out = Path(argv[0])
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the source tree being packaged
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="atgdesk-start-modules-") as home:
        os.environ["ATGDESK_HOME"] = home
        from atgdesk import cli
        try:
            status = cli.main(["--smoke"])
        except SystemExit as exc:  # argparse and the app report a failure this way
            status = exc.code if isinstance(exc.code, int) else 1
        if status != 0:
            print(f"start_modules.py: atgdesk --smoke failed (status {status})", file=sys.stderr)
            return 1
        names = sorted(sys.modules)
    out.write_text("\n".join(names) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
