"""Checks the frozen app (PyInstaller onedir, ``dist/atgdesk``) before it is packaged; ``make package`` runs it.

    python scripts/check_bundle.py [BUNDLE] [--max-mb 200] [--sizes-only] [--top N]

1. contents: the run-time data files, the Qt plugins a desktop needs (input methods, platform themes, xcb) and Qt's
   translations for English and Simplified Chinese are in the bundle;
2. size: the bundle's size on disk by package, largest first; fails above ``--max-mb``;
3. plugins load: the frozen app's ``--smoke`` run with ``QT_IM_MODULE=ibus`` (then ``compose``) and
   ``QT_QPA_PLATFORMTHEME=xdgdesktopportal`` loads those plugins *from the bundle* (the dynamic loader's own trace,
   ``LD_DEBUG=files``, names every library it initialises); under Xvfb, the xcb platform a desktop uses (and the
   GTK3 theme where GTK3 is installed); a Chinese-language run reads the app's and Qt's Chinese catalogues; the
   frozen --smoke logs the start-up shortcuts of ``atgdesk.ui.pyside_speedup`` (cheap module check, pyqtgraph's
   Qt mirrors filled when asked) and takes every dataclass method of the start from the bundle's table
   (``atgdesk.codecache``), compiling none, and reads the start's modules as plain .pyc files (strace) rather
   than inflating them from the compressed archive;
4. CLI exercise: the paths ``--smoke`` does not take (search, every export format, a population simulation with a
   target, a levels fit with a remaining-dose proposal, a MAP estimate) run in the frozen app, so nothing they import
   lazily (scipy.optimize/special, citation formats) was cut;
5. system libraries: every shared library the bundle needs but does not carry is found on this machine, and the
   Debian packages that provide them are listed (``--print-packages``; the .deb's ``Depends:`` must cover them).

Exit status 0 when every check passed; each failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_LEVELS = ROOT / "tests" / "core" / "data" / "example_au.csv"

QT = "PySide6/Qt"
REQUIRED_FILES = (
    "atgdesk.sqlite",
    "dataclass-code.bin",
    "data/products.toml",
    "data/targets.toml",
    "data/vocab.toml",
    "resources/icons/atgdesk.svg",
    f"{QT}/plugins/platforms/libqxcb.so",
    f"{QT}/plugins/platforms/libqoffscreen.so",
    f"{QT}/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    f"{QT}/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    f"{QT}/plugins/platformthemes/libqxdgdesktopportal.so",
    f"{QT}/plugins/platformthemes/libqgtk3.so",
    f"{QT}/plugins/imageformats/libqsvg.so",
    f"{QT}/translations/qtbase_en.qm",
    f"{QT}/translations/qtbase_zh_CN.qm",
    # The calculator's exports (atgdesk/ui/report.py): the PDF dosing note (QPdfWriter, in QtGui), the plot as SVG
    # (QtSvg) and PNG (pyqtgraph's ImageExporter), and the exposure map's colour map.
    "PySide6/QtGui.abi3.so",
    "PySide6/QtSvg.abi3.so",
    f"{QT}/lib/libQt6Svg.so.6",
    f"{QT}/plugins/iconengines/libqsvgicon.so",
    "pyqtgraph/colors/maps/viridis.csv",
)
# Folders whose every source file must be in the bundle (a new model file must ship with the app).
REQUIRED_TREES = (("data/models", ROOT / "data" / "models"), ("resources/csl", ROOT / "resources" / "csl"),
                  ("resources/translations", ROOT / "resources" / "translations"))
# Read by a Chinese-language start (atgdesk/i18n.py): the app's own catalogue and Qt's.
CHINESE_CATALOGUES = ("resources/translations/atgdesk_zh_CN.qm", f"{QT}/translations/qtbase_zh_CN.qm")
# Plugins that load only with libraries a desktop may lack (not bundled on purpose; see packaging/atgdesk.spec).
OPTIONAL_PLUGIN_DEPS = {"libqgtk3.so": ("libgtk-3.so.0", "libgdk-3.so.0")}


# --- locating ---------------------------------------------------------------------------------------------------

def internal_dir(bundle: Path) -> Path:
    """PyInstaller 6 puts everything but the executable in ``_internal/``; older layouts put it beside it."""
    inner = bundle / "_internal"
    return inner if inner.is_dir() else bundle


def executable(bundle: Path) -> Path:
    return bundle / "atgdesk"


# --- 1. contents ------------------------------------------------------------------------------------------------

def missing_files(bundle: Path) -> list[str]:
    """Required files absent from the bundle (paths relative to its data folder)."""
    inner = internal_dir(bundle)
    problems = [f"missing from the bundle: {rel}" for rel in REQUIRED_FILES if not (inner / rel).is_file()]
    for rel, source in REQUIRED_TREES:
        for src in sorted(p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            target = inner / rel / src.relative_to(source)
            if not target.is_file():
                problems.append(f"missing from the bundle: {rel}/{src.relative_to(source)} (in {source})")
    if not executable(bundle).is_file():
        problems.append(f"missing from the bundle: the executable {executable(bundle)}")
    return problems


# No command-line path writes a PDF or SVG, so for the calculator's exports the check is that the Qt libraries
# define the classes report.py uses (their exported constructors) and that the modules are in the frozen archive.
EXPORT_SYMBOLS = ((f"{QT}/lib/libQt6Gui.so.6", "_ZN10QPdfWriterC1EP9QIODevice", "QPdfWriter (PDF dosing note)"),
                  (f"{QT}/lib/libQt6Svg.so.6", "_ZN13QSvgGeneratorC1Ev", "QSvgGenerator (plot as SVG)"))
EXPORT_MODULES = ("atgdesk.ui.report", "atgdesk.ui.calc_plot", "pyqtgraph.exporters.ImageExporter")


def loose_modules(bundle: Path) -> set[str]:
    """Names of the Python modules bundled as plain .pyc files beside the extension modules (the start's modules,
    packaging/atgdesk.spec), e.g. ``pyqtgraph/__init__.pyc`` → ``pyqtgraph``."""
    inner = internal_dir(bundle)
    names = set()
    for pyc in inner.rglob("*.pyc"):
        parts = pyc.relative_to(inner).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.add(".".join(parts))
    return names


def frozen_modules(bundle: Path) -> set[str]:
    """Names of the Python modules the frozen app can import: those in the executable's archive (PYZ) and those
    bundled as plain .pyc files."""
    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(executable(bundle)))
    pyz = next(name for name in archive.toc if name.endswith(".pyz"))
    return set(archive.open_embedded_archive(pyz).toc) | loose_modules(bundle)


def export_problems(bundle: Path) -> list[str]:
    inner = internal_dir(bundle)
    problems = []
    for rel, symbol, what in EXPORT_SYMBOLS:
        out = subprocess.run(["readelf", "-W", "--dyn-syms", str(inner / rel)], capture_output=True, text=True)
        if not any(line.split()[-1].split("@")[0] == symbol for line in out.stdout.splitlines()
                   if " FUNC " in line and " UND " not in line):
            problems.append(f"{rel} does not define {what}: the calculator's export would fail")
    try:
        modules = frozen_modules(bundle)
    except (OSError, StopIteration, ValueError) as exc:
        return problems + [f"cannot read the frozen app's module archive: {exc!r}"]
    problems += [f"module {m} is not in the frozen app (calculator exports)" for m in EXPORT_MODULES
                 if m not in modules]
    if not problems:
        print("  present: " + ", ".join(what for _, _, what in EXPORT_SYMBOLS) + ", " + ", ".join(EXPORT_MODULES))
    return problems


# --- 2. size by package -------------------------------------------------------------------------------------------

def package_of(rel: Path) -> str:
    """The package a bundled file belongs to, for the size table."""
    parts = rel.parts
    name = parts[-1]
    if parts[0] == "_internal":
        parts = parts[1:]
    if not parts:
        return "?"
    top = parts[0]
    if len(rel.parts) == 1:
        return "atgdesk executable (bootloader + Python bytecode)"
    if top == "PySide6":
        if len(parts) > 2 and parts[1] == "Qt":
            if parts[2] == "lib":
                return "PySide6: ICU data/libraries" if name.startswith("libicu") else "PySide6: Qt libraries"
            return f"PySide6: Qt {parts[2]}"
        return "PySide6: Python bindings"
    if top in ("atgdesk.sqlite", "dataclass-code.bin", "data", "resources"):
        return "ATG Desk data (database, models, resources)"
    if top.startswith("python3.") or top == "base_library.zip" or top.startswith("libpython"):
        return "Python (libpython, standard library)"
    if name.endswith(".pyc"):  # the start's modules as plain .pyc (packaging/atgdesk.spec): typing.pyc, json/...
        module = top.split(".", 1)[0]
        stdlib = module in sys.stdlib_module_names or module.startswith("_sysconfigdata_")
        return "Python (libpython, standard library)" if stdlib else module
    if top.endswith(".libs"):
        return top[: -len(".libs")]
    if top.endswith(".dist-info"):
        return top.split("-", 1)[0]
    if len(parts) == 1:
        return "system libraries (bundled copies)"
    return top


def sizes_by_package(bundle: Path) -> list[tuple[str, int, int]]:
    """(package, bytes, files) for every package in the bundle, largest first; symbolic links not counted."""
    totals: dict[str, list[int]] = {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        entry = totals.setdefault(package_of(path.relative_to(bundle)), [0, 0])
        entry[0] += path.stat().st_size
        entry[1] += 1
    return sorted(((k, v[0], v[1]) for k, v in totals.items()), key=lambda row: (-row[1], row[0]))


def print_sizes(bundle: Path, top: int | None = None) -> int:
    rows = sizes_by_package(bundle)
    total = sum(r[1] for r in rows)
    shown = rows if top is None else rows[:top]
    width = max(len(r[0]) for r in shown)
    print(f"\nBundle {bundle}: {total / 1e6:.1f} MB in {sum(r[2] for r in rows)} files (symbolic links not counted)")
    print(f"{'package'.ljust(width)}  {'MB':>7}  {'share':>6}  {'files':>5}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 6}  {'-' * 5}")
    for name, size, files in shown:
        print(f"{name.ljust(width)}  {size / 1e6:7.1f}  {100 * size / total:5.1f}%  {files:5d}")
    if top is not None and len(rows) > top:
        rest = rows[top:]
        print(f"{('(' + str(len(rest)) + ' more)').ljust(width)}  {sum(r[1] for r in rest) / 1e6:7.1f}")
    return total


# --- 3. plugins load ----------------------------------------------------------------------------------------------

def loaded_libraries(stderr: str) -> set[str]:
    """Libraries the dynamic loader initialised, from an ``LD_DEBUG=files`` trace ("calling init: PATH")."""
    return {m.group(1).strip() for m in re.finditer(r"calling init: (\S+)", stderr)}


def run_traced(cmd: list[str], env: dict[str, str], timeout: float = 120) -> tuple[int, str, set[str]]:
    """Run ``cmd`` with the loader trace on; returns (exit status, the app's own stderr lines, loaded libraries)."""
    traced = dict(env, LD_DEBUG="files")
    proc = subprocess.run(cmd, env=traced, capture_output=True, text=True, timeout=timeout)
    own = "\n".join(line for line in proc.stderr.splitlines() if not re.match(r"\s*\d+:", line))
    return proc.returncode, own, loaded_libraries(proc.stderr)


def smoke_env(home: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "LD_DEBUG"))}
    env.update(ATGDESK_HOME=home, QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def plugin_load_problems(cmd: list[str], plugin_root: Path, cases: Iterable[tuple[dict[str, str], str]]) -> list[str]:
    """For each (environment, plugin file name): the app run with that environment exits 0 and initialises
    ``plugin_root/**/<plugin file name>``.  ``cmd`` is the app's ``--smoke`` command line."""
    problems = []
    plugin_root = plugin_root.resolve()
    for extra, plugin in cases:
        with tempfile.TemporaryDirectory(prefix="atgdesk-check-") as home:
            code, own, loaded = run_traced(cmd, smoke_env(home, **extra))
        where = " ".join(f"{k}={v}" for k, v in extra.items())
        if code != 0:
            problems.append(f"{where}: --smoke exited {code}: {own.strip()[-300:]}")
            continue
        hits = [p for p in loaded if p.endswith("/" + plugin) and Path(p).resolve().is_relative_to(plugin_root)]
        if not hits:
            problems.append(f"{where}: {plugin} was not loaded from {plugin_root}")
        else:
            print(f"  loads: {plugin} ({where})")
    return problems


def xcb_problems(cmd: list[str], plugin_root: Path) -> list[str]:
    """The xcb platform (a real X11 desktop) under Xvfb: ``--smoke`` exits 0 and loads the bundled libqxcb; where
    the system has GTK3, the GTK3 theme loads too (GTK needs a display, so only here)."""
    if not shutil.which("xvfb-run"):
        print("  xcb: xvfb-run not installed, the X11 check was not run")
        return []
    cases = [({"QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": "ibus"}, "libqxcb.so")]
    if gtk_available():
        cases.append(({"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORMTHEME": "gtk3"}, "libqgtk3.so"))
    else:
        print("  gtk3 theme: bundled; loads on desktops with GTK3 (libgtk-3-0 is not installed here)")
    return plugin_load_problems(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *cmd], plugin_root, cases)


def gtk_available() -> bool:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout if shutil.which("ldconfig") else ""
    return all(lib in out for lib in OPTIONAL_PLUGIN_DEPS["libqgtk3.so"])


def opened_by_smoke(bundle: Path, **env: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run the frozen ``--smoke`` under strace (extra environment ``env``); its result and the files it opened."""
    with tempfile.TemporaryDirectory(prefix="atgdesk-check-") as home:
        trace = Path(home) / "strace.txt"
        proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat", "-o", str(trace),
                               str(executable(bundle)), "--smoke"], env=smoke_env(home, **env), capture_output=True,
                              text=True, timeout=120)
        text = trace.read_text() if trace.is_file() else ""
    return proc, {m.group(1) for m in re.finditer(r'openat\([^,]+, "([^"]+)", [^)]*\) = \d+', text)}


def translation_problems(bundle: Path) -> list[str]:
    """A Chinese-language ``--smoke`` (``ATGDESK_LANGUAGE=zh_CN``) opens the app's and Qt's Chinese catalogues from
    the bundle (seen with strace: they are data files, not libraries, so the loader trace does not show them)."""
    if not shutil.which("strace"):
        print("  translations: strace not installed, the Chinese catalogue check was not run")
        return []
    inner = internal_dir(bundle).resolve()
    proc, opened = opened_by_smoke(bundle, ATGDESK_LANGUAGE="zh_CN")
    if proc.returncode != 0:
        return [f"ATGDESK_LANGUAGE=zh_CN: --smoke exited {proc.returncode}: {proc.stderr.strip()[-300:]}"]
    problems = []
    for rel in CHINESE_CATALOGUES:
        if str(inner / rel) in opened:
            print(f"  reads: {rel} (ATGDESK_LANGUAGE=zh_CN)")
        else:
            problems.append(f"ATGDESK_LANGUAGE=zh_CN: {rel} was not read from the bundle")
    return problems


# The ICU data library is trimmed (packaging/icu_trim.py) to what QtCore reads for root, English and Chinese.  The
# frozen app cannot run a probe, so Qt from this environment runs it twice, with its own full ICU data and with the
# bundle's preloaded (same soname, so the bundle's copy is the one used): Chinese (pinyin) and English collation
# and Chinese/English time-zone names must come out the same.
ICU_PROBE = """
from PySide6.QtCore import QCollator, QLocale, QTimeZone
words = ["移植", "抗胸腺细胞球蛋白", "兔", "马", "Zeta", "alpha", "Émile", "ebola", "Ärger", "zebra"]
for loc in ("zh_CN", "en_US"):
    print(loc, sorted(words, key=QCollator(QLocale(loc)).sortKey))
    for tz in (b"Europe/Berlin", b"Asia/Shanghai"):
        print(tz, QTimeZone(tz).displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(loc)))
"""


def icu_problems(bundle: Path) -> list[str]:
    data = internal_dir(bundle) / QT / "lib" / "libicudata.so.73"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    full = subprocess.run([sys.executable, "-c", ICU_PROBE], env=env, capture_output=True, text=True, timeout=120)
    trimmed = subprocess.run([sys.executable, "-c", ICU_PROBE], env=dict(env, LD_PRELOAD=str(data)),
                             capture_output=True, text=True, timeout=120)
    if full.returncode != 0 or not full.stdout.strip():
        print(f"  ICU: the probe does not run in this environment ({full.stderr.strip()[-200:]}); not checked")
        return []
    if trimmed.returncode != 0 or trimmed.stdout != full.stdout:
        return [f"the bundle's ICU data ({data.name}) collates or names time zones differently from the full data: "
                f"{trimmed.stdout.strip()[-300:] or trimmed.stderr.strip()[-300:]}"]
    print(f"  same as the full ICU data: Chinese and English collation and time-zone names ({data.name})")
    return []


def check_plugins(bundle: Path) -> list[str]:
    root = internal_dir(bundle) / QT / "plugins"
    cmd = [str(executable(bundle)), "--smoke"]
    cases = [
        ({"QT_IM_MODULE": "ibus"}, "libibusplatforminputcontextplugin.so"),
        ({"QT_IM_MODULE": "compose"}, "libcomposeplatforminputcontextplugin.so"),
        ({"QT_QPA_PLATFORMTHEME": "xdgdesktopportal"}, "libqxdgdesktopportal.so"),
    ]
    return plugin_load_problems(cmd, root, cases) + xcb_problems(cmd, root)


#: What the frozen --smoke logs when the start-up shortcuts of atgdesk.ui.pyside_speedup are in place.
STARTUP_SHORTCUTS = ("fast PySide6 module check: True", "pyqtgraph's Qt mirrors filled when asked: True")


def startup_problems(bundle: Path) -> list[str]:
    """The frozen app takes the same start-up shortcuts as the source tree (PySide6's cheap module check,
    pyqtgraph's mirrors filled when asked): without them it starts ~0.1–0.2 s slower.  Read from its --smoke log."""
    with tempfile.TemporaryDirectory(prefix="atgdesk-check-") as home:
        proc = subprocess.run([str(executable(bundle)), "--smoke"], env=smoke_env(home), capture_output=True,
                              text=True, timeout=120)
        if proc.returncode != 0:
            return [f"--smoke exited {proc.returncode}: {proc.stderr.strip()[-300:]}"]
        log = Path(home, "logs", "atgdesk.log")
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    line = next((ln for ln in text.splitlines() if "smoke run passed" in ln), "")
    missing = [s for s in STARTUP_SHORTCUTS if s not in line]
    if not line:
        return ["the frozen --smoke wrote no 'smoke run passed' line to its log"]
    if missing:
        return [f"the frozen app starts without {', '.join(missing)} (its log: {line.strip()[-200:]})"]
    # Every dataclass method of the start from the table built with the bundle (atgdesk.codecache): a stale
    # table, or none, would leave them to be compiled at every start (~0.04 s).
    table = re.search(r"dataclass methods from the build's table: (\d+), compiled at start: (\d+)", line)
    if table is None or int(table.group(1)) == 0 or int(table.group(2)) != 0:
        return [f"the frozen app compiles dataclass methods at start instead of taking them from its table "
                f"(its log: {line.strip()[-200:]})"]
    print("  start-up: " + "; ".join(STARTUP_SHORTCUTS) + f"; {table.group(1)} dataclass methods from the table")
    return []


#: The start imports ~380 modules from the bundle as plain .pyc files (packaging/atgdesk.spec); far fewer means the
#: build stored them in the compressed archive again, where inflating them cost the frozen start ~190 M instructions
#: (~40 ms of CPU on the 2-core VM; packaging/README.md, fifth round).
MIN_PLAIN_START_MODULES = 200


def plain_start_problems(bundle: Path) -> list[str]:
    """The frozen ``--smoke`` reads its modules as plain .pyc files from the bundle (strace), not from the
    compressed archive."""
    if not shutil.which("strace"):
        print("  start-up modules: strace not installed, not checked")
        return []
    inner = internal_dir(bundle).resolve()
    proc, opened = opened_by_smoke(bundle)
    if proc.returncode != 0:
        return [f"--smoke under strace exited {proc.returncode}: {proc.stderr.strip()[-300:]}"]
    plain = [p for p in opened if p.endswith(".pyc") and p.startswith(str(inner) + os.sep)]
    if len(plain) < MIN_PLAIN_START_MODULES:
        return [f"the frozen start read only {len(plain)} modules as plain .pyc files (at least "
                f"{MIN_PLAIN_START_MODULES} expected): the rest are inflated from the archive at every start"]
    print(f"  start-up: {len(plain)} modules read as plain .pyc files rather than inflated from the archive")
    return []


# --- 4. CLI exercise ----------------------------------------------------------------------------------------------

def _json(out: str) -> dict:
    return json.loads(out)


def exercises(exe: str) -> list[tuple[str, list[str], object]]:
    """(label, arguments, check of stdout) for the paths --smoke does not take."""
    regimen = "2.5mg/kg@-3,-2/6h"
    model = "illustrative-rabbit-atg-active"
    return [
        ("models", ["models"], lambda out: model in out),
        ("search", ["search", "thymoglobulin"], lambda out: out.strip() != ""),
        # Chinese arguments and output in the frozen app's UTF-8 mode (the legacy CJK codecs are not bundled)
        ("search in Chinese", ["search", "移植", "--json"], lambda out: isinstance(json.loads(out), list)),
        ("export bibtex", ["export", "--format", "bibtex"], lambda out: out.count("@") >= 10),
        ("export ris", ["export", "--format", "ris"], lambda out: "TY  - " in out),
        ("export csl-json", ["export", "--format", "csl-json"], lambda out: len(json.loads(out)) >= 10),
        ("export nbib", ["export", "--format", "nbib"], lambda out: "TI  - " in out),
        ("simulate population + target",
         ["simulate", "--model", model, "--weight", "70", "--alc", "0.5", "--regimen", regimen, "--population", "50",
          "--target", "admiraal2017-adult-ud-nma", "--curve", "--json"],
         lambda out: 0 <= _json(out)["population"]["pta"] <= 1),
        ("levels fit + proposal (scipy.optimize/special)",
         ["levels", str(EXAMPLE_LEVELS), "--regimen", regimen, "--weight", "70", "--compartments", "2",
          "--target-auc", "30", "--as-of", "-2.5", "--json"],
         lambda out: _json(out)["proposal"]["status"] == "ok" and _json(out)["fit"]["estimates"]),
        ("levels MAP estimate",
         ["levels", str(EXAMPLE_LEVELS), "--regimen", regimen, "--weight", "70", "--model", model, "--alc", "0.2",
          "--json"],
         lambda out: "map" in _json(out)),
    ]


def exercise_problems(bundle: Path) -> list[str]:
    exe = str(executable(bundle))
    problems = []
    with tempfile.TemporaryDirectory(prefix="atgdesk-check-") as home:
        env = smoke_env(home)
        for label, args, ok in exercises(exe):
            proc = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=300)
            try:
                passed = proc.returncode == 0 and bool(ok(proc.stdout))
            except (ValueError, KeyError, TypeError) as exc:
                passed, proc.stderr = False, f"{proc.stderr}\nunexpected output: {exc!r}"
            if passed:
                print(f"  runs: {label}")
            else:
                problems.append(f"frozen `{' '.join(args[:3])} ...` ({label}) failed with exit {proc.returncode}: "
                                f"{proc.stderr.strip()[-400:]}")
    return problems


# --- 5. system libraries ------------------------------------------------------------------------------------------

def elf_files(bundle: Path) -> list[Path]:
    out = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    out.append(path)
    return out


def external_libraries(bundle: Path) -> tuple[dict[str, str], list[str]]:
    """Libraries the bundle's ELF files need from the system: ({soname: resolved path}, [problems])."""
    inner = internal_dir(bundle).resolve()
    # The bootloader puts the bundle's library folder on the search path; ldd must look there too.
    env = dict(os.environ, LD_LIBRARY_PATH=str(inner))
    found: dict[str, str] = {}
    problems = []
    for path in elf_files(bundle):
        if path.name in OPTIONAL_PLUGIN_DEPS:
            continue  # its libraries (the GTK stack) are the desktop's own, by design; it loads only where present
        proc = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in proc.stdout.splitlines():
            m = re.match(r"\s*(\S+) => (.*?) \(0x", line) or re.match(r"\s*(\S+) => (not found)", line)
            if not m:
                continue
            soname, target = m.group(1), m.group(2)
            if target == "not found":
                problems.append(f"{path.relative_to(bundle)} needs {soname}, found neither in the bundle "
                                "nor on this system")
                continue
            resolved = Path(target).resolve()
            if not resolved.is_relative_to(inner):
                found[soname] = str(resolved)
    return found, problems


def debian_packages(libraries: dict[str, str]) -> dict[str, list[str]]:
    """{Debian package: [sonames]} for the given resolved libraries (``dpkg -S``)."""
    out: dict[str, list[str]] = {}
    for soname, path in sorted(libraries.items()):
        candidates = [path, path.replace("/usr/lib/", "/lib/", 1)]
        pkg = ""
        for candidate in candidates:
            proc = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if proc.returncode == 0:
                pkg = proc.stdout.split(":", 1)[0].strip()
                break
        out.setdefault(pkg or f"(no package owns {path})", []).append(soname)
    return out


def dependency_closure(packages: Iterable[str]) -> set[str]:
    """The packages plus everything they depend on (recursively, as installed here; every alternative counted)."""
    seen: set[str] = set()
    todo = list(packages)
    while todo:
        pkg = todo.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        proc = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", pkg],
                              capture_output=True, text=True)
        for alt in re.split(r"[,|]", proc.stdout):
            name = alt.strip().split(" ", 1)[0].split(":", 1)[0]
            if name and name not in seen:
                todo.append(name)
    return seen


def depends_problems(bundle: Path, depends: list[str]) -> list[str]:
    """Each system library the bundle needs comes from a package in ``depends`` or one they depend on."""
    libs, problems = external_libraries(bundle)
    covered = dependency_closure(depends)
    for pkg, sonames in sorted(debian_packages(libs).items()):
        if pkg not in covered:
            problems.append(f"the bundle needs {', '.join(sonames)} from {pkg}, which Depends: does not cover")
    return problems


# --- command line -------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "atgdesk"))
    parser.add_argument("--max-mb", type=float, default=200.0, help="fail above this size on disk (MB, 10^6 bytes)")
    parser.add_argument("--top", type=int, default=None, help="show only the N largest packages")
    parser.add_argument("--sizes-only", action="store_true", help="print the size table and stop")
    parser.add_argument("--print-packages", action="store_true",
                        help="print the Debian packages providing the system libraries the bundle needs, and stop")
    parser.add_argument("--depends", default=None, metavar="LIST",
                        help="check only that this comma-separated Depends: list covers the system libraries the "
                             "bundle needs")
    args = parser.parse_args(argv)
    bundle = Path(args.bundle)
    if not bundle.is_dir():
        print(f"check_bundle: {bundle}: no such folder (build it with `make package`)", file=sys.stderr)
        return 2
    if args.print_packages:
        libs, problems = external_libraries(bundle)
        for pkg, sonames in sorted(debian_packages(libs).items()):
            print(f"{pkg}: {' '.join(sonames)}")
        for p in problems:
            print(f"check_bundle: {p}", file=sys.stderr)
        return 1 if problems else 0
    if args.depends is not None:
        problems = depends_problems(bundle, [d.strip().split(" ", 1)[0] for d in args.depends.split(",")])
        for p in problems:
            print(f"check_bundle: {p}", file=sys.stderr)
        print("Depends check: " + ("FAILED" if problems else "passed (every system library the bundle needs is "
                                                          "provided by a listed package)"))
        return 1 if problems else 0
    total = print_sizes(bundle, args.top)
    if args.sizes_only:
        return 0
    problems = missing_files(bundle)
    if total > args.max_mb * 1e6:
        problems.append(f"the bundle is {total / 1e6:.1f} MB, above the {args.max_mb:.0f} MB limit")
    if not problems:  # loading and running need a complete bundle
        print("\nPlugins and translations (loaded by the frozen app, from the bundle):")
        problems += check_plugins(bundle)
        problems += translation_problems(bundle)
        problems += icu_problems(bundle)
        problems += startup_problems(bundle)
        problems += plain_start_problems(bundle)
        print("\nCalculator exports (PDF dosing note, plot SVG/PNG):")
        problems += export_problems(bundle)
        print("\nCommand line paths --smoke does not take:")
        problems += exercise_problems(bundle)
    for p in problems:
        print(f"check_bundle: {p}", file=sys.stderr)
    print("\nBundle check: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
