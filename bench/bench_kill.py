"""Long form of the hard-kill test: at least 200 SIGKILL cycles against the user database writer."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import print_table  # noqa: E402
from killtest import run_kill_cycles  # noqa: E402


def main() -> int:
    db = Path(tempfile.mkdtemp(prefix="atgdesk-kill-")) / "user.sqlite"
    result = run_kill_cycles(db, cycles=200, max_seconds=240, seed=20261122)
    print_table("User database under SIGKILL (writer: notes, tags, favourites, scenarios)",
                ["cycles survived", "writes reported committed", "problems", "seconds"],
                [[result["cycles"], result["writes_committed"], len(result["problems"]),
                  f"{result['seconds']:.0f}"]])
    for p in result["problems"]:
        print("  PROBLEM:", p)
    return 0 if not result["problems"] and result["cycles"] >= 200 else 1


if __name__ == "__main__":
    sys.exit(main())
