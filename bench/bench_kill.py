"""Long form of the hard-kill test: at least 200 SIGKILL cycles against the user database writer, alone and while
another program takes the write lock in short spells (the file must never be declared damaged)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import print_table  # noqa: E402
from killtest import run_kill_cycles  # noqa: E402


def main() -> int:
    rows, problems, ok = [], [], True
    # plain: the writer alone; contention: another program takes the write lock in short spells meanwhile
    for label, contention, seed in (("alone", False, 20261122), ("lock contention", True, 20261203)):
        db = Path(tempfile.mkdtemp(prefix="atgdesk-kill-")) / "user.sqlite"
        result = run_kill_cycles(db, cycles=200, max_seconds=240, seed=seed, contention=contention)
        rows.append([label, result["cycles"], result["writes_committed"], result["busy_refusals"],
                     result["lock_spells"], len(result["problems"]), f"{result['seconds']:.0f}"])
        problems += [f"{label}: {p}" for p in result["problems"]]
        ok = ok and not result["problems"] and result["cycles"] >= 200
    print_table("User database under SIGKILL (writer: notes, tags, favourites, scenarios)",
                ["writer", "cycles survived", "writes reported committed", "busy refusals", "lock spells",
                 "problems", "seconds"], rows)
    for p in problems:
        print("  PROBLEM:", p)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
