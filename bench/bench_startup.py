"""Start-up benchmark: `atgdesk --smoke` versus a bare PySide6 window (table + pyqtgraph plot), interleaved.

Also the frozen app (dist/atgdesk) when it has been built with `make package`, and the frozen bundle's size by
package (scripts/check_bundle.py).  Bars (product.md §5, raised in December 2026; the earlier bars in brackets):
source app within 1.2× [1.5×] of the floor; frozen app within 1.5× [2×]; issue 15 asks 1.2× of the floor for the
frozen app too (shown as its target).

Two intervals per run, both from just before the process is started (CLOCK_MONOTONIC, the same clock in every
process):

- **first window painted**: the app's first window shown and painted (``--smoke`` writes the moment its first paint
  event has run, through ``ATGDESK_STARTUP_TIMES``, the moment the GUI marks too; until 3 December it wrote it after
  a ``grab()`` that rendered the window a second time); the floor's window shown, painted and grabbed (written when
  its ``main()`` returns, so its figure includes one grab).  This is what a user waits for before the window can be
  used.
- **exit**: the whole process, start to exit.  ``--smoke`` goes on after the first window: one search, one
  simulation, the calculator built and painted, then quits; the floor quits at once.

``BENCH_BASELINE_SOURCES=DIR[,DIR…]`` runs ``python -m atgdesk --smoke`` in other source trees beside these (e.g.
``git archive COMMIT | tar -x -C DIR`` and ``atgdesk build-db`` there), with this interpreter.  A tree that does not
write start-up times shows its exit time only.  ``BENCH_BASELINE_REMEMBERED=1`` runs each of them with the
Calculator tab remembered too.

Since 3 December a remembered Calculator tab opens on "Opening the calculator…" and builds the calculator just
after the first paint (before, it was built before the first paint); ``--smoke`` waits for that build after its
first-window mark, so its exit still includes the calculator built and painted.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import median, percentile, print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "9"))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


#: The floor, imported rather than run as a script so that the moment its window has painted can be written.
FLOOR_WITH_MARK = (
    "import os, sys, time\n"
    "sys.path.insert(0, {bench!r})\n"
    "import floor_window\n"
    "status = floor_window.main()\n"
    "with open(os.environ['ATGDESK_STARTUP_TIMES'], 'a') as out:\n"
    "    out.write(f'first_window_painted {{time.monotonic():.6f}}\\n')\n"
    "sys.exit(status)\n")


def run_once(cmd: list[str], env: dict[str, str], cwd: Path | None) -> tuple[float, float | None, float]:
    """(seconds to exit, seconds to the first window painted or None when the program does not say, CPU seconds
    of the whole process — user + system, less sensitive than wall time to other programs on a busy machine)."""
    fd, marks = tempfile.mkstemp(prefix="atgdesk-startup-", suffix=".txt")
    os.close(fd)
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        proc = subprocess.run(cmd, env=dict(env, ATGDESK_STARTUP_TIMES=marks), cwd=cwd, capture_output=True,
                              text=True)
        elapsed = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
        painted = None
        for line in Path(marks).read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition(" ")
            if name == "first_window_painted":
                painted = float(value) - start
        return elapsed, painted, cpu
    finally:
        os.unlink(marks)


def compile_sources(extra: list[Path]) -> str:
    """Byte-compile atgdesk as an install does.  With PYTHONDONTWRITEBYTECODE set (as on some CI machines) an
    editable install would otherwise recompile every module on every start, which no installed copy does."""
    import compileall
    ok = all([compileall.compile_dir(str(tree / "atgdesk"), quiet=1) for tree in [ROOT, *extra]])
    flag = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"atgdesk byte-compiled first ({'ok' if ok else 'with errors'}; PYTHONDONTWRITEBYTECODE {flag})"


def main() -> int:
    baselines = [Path(p).resolve() for p in os.environ.get("BENCH_BASELINE_SOURCES", "").split(",") if p.strip()]
    note = compile_sources(baselines)
    home = tempfile.mkdtemp(prefix="atgdesk-bench-")
    atexit.register(shutil.rmtree, home, True)  # the user folders the runs wrote go when the bench ends
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATGDESK_HOME=home)
    env.pop("PYTHONPATH", None)  # each source tree is found from its own folder (``-m`` puts it first)
    # A user who left the app on the calculator: its tab is restored, so it is built before the first paint.
    calculator_home = Path(tempfile.mkdtemp(prefix="atgdesk-bench-calc-"))
    atexit.register(shutil.rmtree, calculator_home, True)
    (calculator_home / "settings.ini").write_text("[window]\ntab=1\n", encoding="utf-8")
    calculator_env = dict(env, ATGDESK_HOME=str(calculator_home))
    py = sys.executable
    commands: dict[str, tuple[list[str], Path | None, dict[str, str]]] = {
        "floor (bare window)": ([py, "-c", FLOOR_WITH_MARK.format(bench=str(ROOT / "bench"))], ROOT, env),
        "atgdesk --smoke": ([py, "-m", "atgdesk", "--smoke"], ROOT, env),
        "atgdesk --smoke, calculator tab remembered": ([py, "-m", "atgdesk", "--smoke"], ROOT, calculator_env),
    }
    remembered = os.environ.get("BENCH_BASELINE_REMEMBERED", "") not in ("", "0")
    for tree in baselines:
        commands[f"source {tree.name} --smoke"] = ([py, "-m", "atgdesk", "--smoke"], tree, env)
        if remembered:
            commands[f"source {tree.name} --smoke, calculator remembered"] = (
                [py, "-m", "atgdesk", "--smoke"], tree, calculator_env)
    frozen = ROOT / "dist" / "atgdesk" / "atgdesk"
    if frozen.exists():
        commands["frozen --smoke"] = ([str(frozen), "--smoke"], None, env)
    # Another frozen build side by side (e.g. one made from an older spec), for before/after comparisons.
    other = os.environ.get("BENCH_FROZEN_BASELINE")
    if other:
        commands["frozen baseline --smoke"] = ([other, "--smoke"], None, env)
    for cmd, cwd, cmd_env in commands.values():  # warm the file cache once
        run_once(cmd, cmd_env, cwd)
    exits: dict[str, list[float]] = {name: [] for name in commands}
    painted: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(RUNS):  # interleaved, so drift affects every contender alike
        for name, (cmd, cwd, cmd_env) in commands.items():
            elapsed, first, cpu = run_once(cmd, cmd_env, cwd)
            exits[name].append(elapsed)
            cpus[name].append(cpu)
            if first is not None:
                painted[name].append(first)
    floor_exit = median(exits["floor (bare window)"])
    floor_cpu = median(cpus["floor (bare window)"])
    floor_painted = median(painted["floor (bare window)"])
    # (bar, earlier bar, issue 15's target or None): product.md §5's bars, raised in December 2026
    bars = {"frozen --smoke": (1.5, 2.0, 1.2), "frozen baseline --smoke": (1.5, 2.0, 1.2)}
    rows = []
    for name in commands:
        source = name.startswith(("atgdesk ", "source "))
        bar, earlier, target = bars.get(name, (1.2, 1.5, None) if source else (None, None, None))
        cells = [name]
        ratios = []
        for values, floor in ((painted[name], floor_painted), (exits[name], floor_exit)):
            if not values:
                cells += ["—", "—", "—"]
                continue
            ratio = median(values) / floor
            ratios.append(ratio)
            cells += [f"{median(values) * 1000:.0f}", f"{percentile(values, 95) * 1000:.0f}", f"{ratio:.2f}x"]
        # judged on the exit, the product bar's measure (product.md §5); the first window is shown beside it
        ratio = ratios[-1]
        if bar is None:
            verdict = ""
        elif ratio <= bar:
            verdict = "meets bar"
            if target is not None:
                verdict += ", meets issue 15's target" if ratio <= target else f", misses issue 15's {target}x"
        else:
            verdict = f"MISSES bar (meets the earlier {earlier}x)" if ratio <= earlier else "MISSES bar"
        cells += [f"{median(cpus[name]) * 1000:.0f}", f"{median(cpus[name]) / floor_cpu:.2f}x"]
        rows.append([*cells, f"<= {bar}x [{earlier}x]" if bar else "", verdict])
    print_table(f"Start-up, {RUNS} interleaved runs each: medians in ms from just before the process starts; "
                "CPU = user + system time of the whole process",
                ["contender", "first window painted", "p95", "ratio", "exit", "p95", "ratio", "CPU", "ratio",
                 "bar [earlier]", "verdict (on exit)"], rows)
    print("\nfirst window painted: the first window shown and painted (atgdesk: its first paint event, on the "
          "library, or on 'Opening the calculator…' when the Calculator tab is remembered; floor: when its main() "
          "returns, after its grab()). exit: the whole process; --smoke then also builds and paints the calculator, "
          "searches and simulates. The product bar (product.md §5) is the --smoke exit ratio; the first-window "
          "ratio is what a user waits for before the window answers.")
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
