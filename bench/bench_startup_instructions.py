"""Start-up work counted in instructions: `atgdesk --smoke` versus the bare-window floor under Valgrind's callgrind.

Wall-clock start-up on a shared 2-core VM moves with the machine's state far more than one change moves it (the
floor's exit ranged 0.55-0.95 s in one afternoon; see bench_startup.py).  The number of instructions a run
executes hardly moves at all, so this bench says how much *work* a change added or removed, and where it went,
beside the wall-clock bar that bench_startup.py measures.  It does not replace that bar: the time a user waits
also depends on how fast each instruction runs (memory, I/O), which this does not see.

Each contender runs once under ``valgrind --tool=callgrind`` (about 40-70 s each), offscreen, with
``PYTHONHASHSEED=0`` and a user folder that a normal run has filled first.  Printed: the instructions of each, the
ratio to the floor, and, with ``--by-library``, the instructions spent in each shared library (self cost) next to
the floor's, largest difference first.

``BENCH_BASELINE_SOURCES=DIR[,DIR…]`` adds other source trees (as in bench_startup.py: ``git archive COMMIT | tar
-x -C DIR`` and a built database in DIR/build).  The frozen app (``dist/atgdesk``, after ``make package``) is
counted too, and ``BENCH_FROZEN_BASELINE=EXECUTABLE`` adds another frozen build.  Needs ``valgrind`` (``apt install
valgrind``); a build-time tool, not part of the app or of ``make test``.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")
_NAME = re.compile(r"\((\d+)\)(?: (.*))?")


def self_cost_by_object(path: Path) -> collections.Counter:
    """Instructions spent in each shared object (self cost, calls not counted twice), from a callgrind file."""
    names: dict[str, str] = {}
    cost: collections.Counter = collections.Counter()
    current = "?"
    after_calls = False
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith(("ob=", "cob=")):
                key, _, rest = line.rstrip("\n").partition("=")
                m = _NAME.match(rest)
                if m and m.group(2):
                    names[m.group(1)] = m.group(2)
                if key == "ob":
                    current = names.get(m.group(1), m.group(1)) if m else rest
                continue
            if line.startswith("calls="):
                after_calls = True  # the next cost line is the call's inclusive cost
                continue
            if line[:1].isdigit() or line[:1] in "+-*":
                if after_calls:
                    after_calls = False
                    continue
                parts = line.split()
                if len(parts) >= 2 and parts[1].isdigit():
                    cost[current] += int(parts[1])
    return cost


def run_counted(cmd: list[str], cwd: Path, env: dict[str, str], out: Path) -> int:
    # --trace-children: the frozen app's bootloader sets the library path and then replaces itself (execve) with a
    # second copy that runs Python; without it callgrind counts only the first.
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}",
                           *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
    found = _COLLECTED.search(proc.stderr)
    if found is None:
        raise RuntimeError(f"callgrind printed no instruction count for {' '.join(cmd)}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--by-library", action="store_true", help="also the instructions per shared library")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:  # `make bench` goes on to the other benchmarks
        print("bench_startup_instructions: not run: valgrind is not installed (apt install valgrind)")
        return 0
    baselines = [Path(p).resolve() for p in os.environ.get("BENCH_BASELINE_SOURCES", "").split(",") if p.strip()]
    work = Path(tempfile.mkdtemp(prefix="atgdesk-instr-"))
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATGDESK_HOME=str(work / "home"), PYTHONHASHSEED="0")
        env.pop("PYTHONPATH", None)
        py = sys.executable
        contenders: dict[str, tuple[list[str], Path]] = {
            "floor (bare window)": ([py, str(ROOT / "bench" / "floor_window.py")], ROOT),
            "atgdesk --smoke": ([py, "-m", "atgdesk", "--smoke"], ROOT),
        }
        for tree in baselines:
            contenders[f"source {tree.name} --smoke"] = ([py, "-m", "atgdesk", "--smoke"], tree)
        frozen = ROOT / "dist" / "atgdesk" / "atgdesk"  # built by `make package`
        if frozen.exists():
            contenders["frozen --smoke"] = ([str(frozen), "--smoke"], ROOT)
        other = os.environ.get("BENCH_FROZEN_BASELINE")  # another frozen build, as in bench_startup.py
        if other:
            contenders["frozen baseline --smoke"] = ([str(Path(other).resolve()), "--smoke"], ROOT)
        for cmd, cwd in contenders.values():  # byte-compiled, user folder made, file cache warm
            subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=True)
        counts: dict[str, int] = {}
        files: dict[str, Path] = {}
        for i, (name, (cmd, cwd)) in enumerate(contenders.items()):
            files[name] = work / f"callgrind.{i}"
            counts[name] = run_counted(cmd, cwd, env, files[name])
        floor = counts["floor (bare window)"]
        print_table("Start-up instructions (callgrind, one run each; PYTHONHASHSEED=0)",
                    ["contender", "instructions (millions)", "ratio to the floor"],
                    [[name, f"{n / 1e6:,.0f}", f"{n / floor:.3f}x"] for name, n in counts.items()])
        if args.by_library:
            by_object = {name: self_cost_by_object(path) for name, path in files.items()}
            floor_cost = by_object["floor (bare window)"]
            app_cost = by_object["atgdesk --smoke"]
            rows = []
            for obj in sorted(set(app_cost) | set(floor_cost), key=lambda o: floor_cost[o] - app_cost[o])[:15]:
                rows.append([Path(obj).name, f"{app_cost[obj] / 1e6:,.1f}", f"{floor_cost[obj] / 1e6:,.1f}",
                             f"{(app_cost[obj] - floor_cost[obj]) / 1e6:+,.1f}"])
            print_table("\nWhere atgdesk --smoke spends more than the floor (self instructions, millions)",
                        ["shared library", "atgdesk --smoke", "floor", "difference"], rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
