"""Start-up benchmark: `atgdesk --smoke` versus a bare PySide6 window (table + pyqtgraph plot), interleaved.

Also the frozen app (dist/atgdesk) when it has been built with `make package`, and the frozen bundle's size by
package (scripts/check_bundle.py).  Targets [bars] (product.md §5): source app within 1.2× [1.5×] of the floor;
frozen app within 1.5× [2×]; issue 15 asks 1.2× of the floor for the frozen app too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import median, percentile, print_table, time_command  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "9"))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def compile_sources() -> str:
    """Byte-compile atgdesk as an install does.  With PYTHONDONTWRITEBYTECODE set (as on some CI machines) an
    editable install would otherwise recompile every module on every start, which no installed copy does."""
    import compileall
    ok = compileall.compile_dir(str(ROOT / "atgdesk"), quiet=1)
    flag = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"atgdesk byte-compiled first ({'ok' if ok else 'with errors'}; PYTHONDONTWRITEBYTECODE {flag})"


def main() -> int:
    note = compile_sources()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATGDESK_HOME=tempfile.mkdtemp(prefix="atgdesk-bench-"))
    py = sys.executable
    commands = {
        "floor (bare window)": [py, str(ROOT / "bench" / "floor_window.py")],
        "atgdesk --smoke": [py, "-m", "atgdesk", "--smoke"],
    }
    frozen = ROOT / "dist" / "atgdesk" / "atgdesk"
    if frozen.exists():
        commands["frozen --smoke"] = [str(frozen), "--smoke"]
    # Another frozen build side by side (e.g. one made from an older spec), for before/after comparisons.
    other = os.environ.get("BENCH_FROZEN_BASELINE")
    if other:
        commands["frozen baseline --smoke"] = [other, "--smoke"]
    for cmd in commands.values():  # warm the file cache once
        time_command(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):  # interleaved, so drift affects every contender alike
        for name, cmd in commands.items():
            times[name].append(time_command(cmd, env))
    floor = median(times["floor (bare window)"])
    # (target, bar): product.md §5; the frozen target is issue 15's 1.2x (product.md's is 1.5x).
    bars = {"atgdesk --smoke": (1.2, 1.5), "frozen --smoke": (1.2, 2.0), "frozen baseline --smoke": (1.2, 2.0)}
    rows = []
    for name, values in times.items():
        ratio = median(values) / floor
        target, bar = bars.get(name, (None, None))
        if bar is None:
            verdict = ""
        elif ratio <= target:
            verdict = "meets target"
        else:
            verdict = "meets bar, misses target" if ratio <= bar else "MISSES bar"
        rows.append([name, f"{median(values) * 1000:.0f}", f"{percentile(values, 95) * 1000:.0f}",
                     f"{ratio:.2f}x", f"<= {target}x [{bar}x]" if bar else "", verdict])
    print_table(f"Start-up, {RUNS} interleaved runs each (wall time from process start to exit)",
                ["contender", "median ms", "p95 ms", "ratio to floor", "target [bar]", ""], rows)
    print(f"\n{note}")
    if frozen.exists():
        size = folder_size(frozen.parent)
        print(f"\nFrozen bundle dist/atgdesk: {size / 1e6:.1f} MB on disk")
        sys.path.insert(0, str(ROOT / "scripts"))
        from check_bundle import print_sizes
        print_sizes(frozen.parent, top=15)
    else:
        print("\nFrozen app not built (run `make package` first to include it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
