"""Hard-kill durability test for the user database (short form in tests, long form in bench_kill.py).

A writer process saves notes, tags, favourites and scenarios in a loop, one transaction per action, and prints
a line for each action *after* it committed.  It is killed with SIGKILL at a random moment.  Afterwards the
database must pass ``PRAGMA integrity_check`` and every action reported committed must be present.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def writer(db_path: str, start: int) -> None:
    """Write forever from counter ``start``; print ``<kind> <n>`` after each commit."""
    sys.path.insert(0, str(ROOT))
    from atgdesk.library.userstore import UserStore
    store = UserStore.open(db_path)
    n = start
    out = sys.stdout
    while True:
        kind = n % 4
        if kind == 0:
            store.set_note(f"study{n % 50}", f"note {n} " + "x" * (n % 300))
            out.write(f"note {n}\n")
        elif kind == 1:
            store.add_tag(f"study{n % 50}", f"tag{n}")
            out.write(f"tag {n}\n")
        elif kind == 2:
            store.set_favourite(f"fav{n}", True)
            out.write(f"fav {n}\n")
        else:
            store.save_scenario(f"scenario {n}", {"n": n, "dose_mg_per_kg": 2.5})
            out.write(f"scenario {n}\n")
        out.flush()
        n += 1


def check(db_path: Path, committed: list[tuple[str, int]]) -> list[str]:
    """Problems found after a kill (empty list = all good)."""
    problems = []
    conn = sqlite3.connect(db_path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"integrity_check: {result}")
        notes = {r[0]: r[1] for r in conn.execute("SELECT study_id, text FROM notes")}
        tags = {r[0] for r in conn.execute("SELECT tag FROM tags")}
        favs = {r[0] for r in conn.execute("SELECT study_id FROM favourites")}
        scen = {r[0] for r in conn.execute("SELECT name FROM scenarios")}
    finally:
        conn.close()
    last_note: dict[str, int] = {}
    for kind, n in committed:
        if kind == "note":
            last_note[f"study{n % 50}"] = n
        elif kind == "tag" and f"tag{n}" not in tags:
            problems.append(f"lost tag {n}")
        elif kind == "fav" and f"fav{n}" not in favs:
            problems.append(f"lost favourite {n}")
        elif kind == "scenario" and f"scenario {n}" not in scen:
            problems.append(f"lost scenario {n}")
    for sid, n in last_note.items():
        text = notes.get(sid, "")
        # a later, unreported note may have overwritten it: the note must be at least as new as reported
        got = int(text.split()[1]) if text.startswith("note ") else -1
        if got < n:
            problems.append(f"note of {sid}: reported {n}, found {got}")
    return problems


def run_kill_cycles(db_path: Path, cycles: int, max_seconds: float, seed: int = 1) -> dict:
    """Kill the writer ``cycles`` times (bounded by ``max_seconds``); returns figures and problems."""
    rng = random.Random(seed)
    committed: list[tuple[str, int]] = []
    problems: list[str] = []
    start = time.monotonic()
    done = 0
    counter = 0
    while done < cycles and time.monotonic() - start < max_seconds:
        proc = subprocess.Popen([sys.executable, __file__, "--writer", str(db_path), str(counter)],
                                stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.15, 0.45))  # long enough to get past start-up and into the loop
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                committed.append((parts[0], int(parts[1])))
                counter = max(counter, int(parts[1]) + 1)
        counter += 1  # never reuse a number that might have been written but not reported
        found = check(db_path, committed)
        if found:
            problems.extend(f"cycle {done}: {p}" for p in found)
            break
        done += 1
    return {"cycles": done, "writes_committed": len(committed), "problems": problems,
            "seconds": time.monotonic() - start}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--writer":
        writer(sys.argv[2], int(sys.argv[3]))
