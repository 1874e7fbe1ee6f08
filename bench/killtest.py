"""Hard-kill durability test for the user database (short form in tests, long form in bench_kill.py).

A writer process saves notes, tags, favourites and scenarios in a loop, one transaction per action, and prints
a line for each action *after* it committed.  It is killed with SIGKILL at a random moment.  Afterwards the
database must pass ``PRAGMA integrity_check`` and every action reported committed must be present.

With ``contention`` another connection (another program) takes the write lock for random short spells while the
writer runs: the writer's short busy timeout expires, it must get ``UserStoreBusy`` (nothing written, nothing
reported) and retry; reopening after each kill must never declare the file damaged or move it aside.
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
    from atgdesk.library.userstore import UserStore, UserStoreBusy
    store = UserStore.open(db_path, busy_timeout=0.02)
    n = start
    out = sys.stdout
    while True:
        try:
            _write_one(store, n, out)
        except UserStoreBusy:
            out.write(f"busy {n}\n")  # not committed: the same action is tried again
            out.flush()
            continue
        n += 1


def _write_one(store, n: int, out) -> None:
    """One action, one transaction; its line is printed only after it committed."""
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


def _hold_lock_in_spells(db_path: Path, rng: random.Random, until: float) -> int:
    """Take the write lock (BEGIN EXCLUSIVE) for random 20-120 ms spells until ``until``; returns the spells."""
    spells = 0
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=5.0)
    try:
        while time.monotonic() < until:
            time.sleep(rng.uniform(0.01, 0.08))
            try:
                conn.execute("BEGIN EXCLUSIVE")
            except sqlite3.OperationalError:
                continue
            time.sleep(rng.uniform(0.02, 0.12))
            conn.execute("ROLLBACK")
            spells += 1
    finally:
        conn.close()
    return spells


def _count_spells(spells: list[int], db_path: Path, rng: random.Random, until: float) -> None:
    spells[0] += _hold_lock_in_spells(db_path, rng, until)


def _check_reopen(db_path: Path) -> list[str]:
    """Reopening must find the file healthy: never moved aside, never replaced by an empty one."""
    sys.path.insert(0, str(ROOT))
    from atgdesk.library.userstore import UserStore
    store = UserStore.open(db_path)
    try:
        problems = [f"declared damaged, moved to {store.recovered_from}"] if store.recovered_from else []
    finally:
        store.close()
    return problems + [f"moved aside: {p.name}" for p in db_path.parent.glob(db_path.name + ".corrupt-*")]


def run_kill_cycles(db_path: Path, cycles: int, max_seconds: float, seed: int = 1, contention: bool = False) -> dict:
    """Kill the writer ``cycles`` times (bounded by ``max_seconds``); returns figures and problems."""
    import threading
    rng = random.Random(seed)
    committed: list[tuple[str, int]] = []
    problems: list[str] = []
    start = time.monotonic()
    done = 0
    counter = 0
    busy = 0
    spells = [0]
    if contention:  # the database must exist (and be in WAL mode) before another program can lock it
        _check_reopen(db_path)
    while done < cycles and time.monotonic() - start < max_seconds:
        proc = subprocess.Popen([sys.executable, __file__, "--writer", str(db_path), str(counter)],
                                stdout=subprocess.PIPE, text=True)
        # the kill lands inside the write loop: after the first reported line (start-up takes 0.1-0.5 s, more
        # on a loaded machine), at a random moment
        first = proc.stdout.readline()
        wait = rng.uniform(0.0, 0.3)
        locker = None
        if contention:
            locker = threading.Thread(target=_count_spells, args=(spells, db_path, random.Random(rng.random()),
                                                                  time.monotonic() + wait))
            locker.start()
        time.sleep(wait)
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        out = first + out
        if locker is not None:
            locker.join()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                if parts[0] == "busy":
                    busy += 1
                    continue
                committed.append((parts[0], int(parts[1])))
                counter = max(counter, int(parts[1]) + 1)
        counter += 1  # never reuse a number that might have been written but not reported
        found = check(db_path, committed) + _check_reopen(db_path)
        if found:
            problems.extend(f"cycle {done}: {p}" for p in found)
            break
        done += 1
    return {"cycles": done, "writes_committed": len(committed), "problems": problems, "busy_refusals": busy,
            "lock_spells": spells[0], "seconds": time.monotonic() - start}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--writer":
        writer(sys.argv[2], int(sys.argv[3]))
