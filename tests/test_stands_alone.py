"""The repository stands alone (issue 15): no code, test, script or CI step reads outside it.

A clone placed in an empty folder must pass ``make test``; before the seed documents moved into ``data/sources/``
a test read the team's neighbouring seeds folder.  This scans every tracked file under the folders that run (and the Makefile)
for paths that leave the repository: the team's neighbouring ``shared`` folder, absolute paths of this machine,
``..`` components that climb above the root, and ``Path(__file__).parent…`` chains longer than the file's depth.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("atgdesk", "tests", "scripts", "bench", "packaging", ".ci", "Makefile", "setup.py", "pyproject.toml",
           "MANIFEST.in")
TEXT_SUFFIXES = {".py", ".sh", ".spec", ".toml", ".cfg", ".ini", ".in", ".desktop", ".txt", ".md", ".json", ""}

_NEIGHBOUR = re.compile(r"\.\./shared\b|/work/shared\b|/work/main\b|(?<![\w.])shared/(?:seeds|docs)\b")
# A relative path with ".." components: ../x, ../../x, a/../../x, a/.. (not "-4..-1" or "...").
_DOTDOT = re.compile(r"(?<![\w.$}-])(?:[\w.${}-]+/)*\.\.(?:/[\w.${}-]*)+|(?<![\w.$}-])(?:[\w.${}-]+/)+\.\.(?![\w.])")
_FILE_PARENTS = re.compile(r"__file__\)(?:\.resolve\(\)|\.absolute\(\))?((?:\.parent)+)(?!s)")
_FILE_PARENTS_INDEX = re.compile(r"__file__\)(?:\.resolve\(\)|\.absolute\(\))?\.parents\[(\d+)\]")
_ROOT_PARENT = re.compile(r"\b(?:ROOT|REPO|REPO_ROOT|PROJECT_ROOT)\.parent\b")
# In shell scripts "$(dirname "$0")/.." is the script's own folder's parent: resolve it from the script.
_SCRIPT_DIR = re.compile(r"""\$\(dirname\s+["']?\$(?:0|\{BASH_SOURCE\[0\]\}|BASH_SOURCE)["']?\)""")


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z", "--", *SCANNED], cwd=ROOT, capture_output=True, check=True)
    files = [ROOT / name for name in out.stdout.decode().split("\0") if name]
    return [f for f in files if f.is_file() and f.suffix in TEXT_SUFFIXES and f != Path(__file__).resolve()]


def _escapes(base: PurePosixPath, relative: str) -> bool:
    """True when ``relative`` (with ``..`` parts), taken from ``base`` (relative to the root), leaves the root."""
    depth = len(base.parts)
    for part in relative.split("/"):
        if part == "..":
            depth -= 1
            if depth < 0:
                return True
        elif part not in ("", "."):
            depth += 1
    return False


def problems_in(path: Path, text: str) -> list[str]:
    """Every reference in ``text`` (the content of ``path``) to a file outside the repository."""
    rel = path.relative_to(ROOT)
    folder = PurePosixPath(rel.parent.as_posix()) if rel.parent != Path(".") else PurePosixPath()
    depth = len(folder.parts)  # Path(__file__).parent is the folder: depth more parents reach the root
    found = []
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f"{rel}:{lineno}: {line.strip()[:120]}"
        if _NEIGHBOUR.search(line):
            found.append(where)
            continue
        for m in _FILE_PARENTS.finditer(line):
            if m.group(1).count(".parent") - 1 > depth:
                found.append(where)
        for m in _FILE_PARENTS_INDEX.finditer(line):
            if int(m.group(1)) > depth:
                found.append(where)
        if _ROOT_PARENT.search(line):
            found.append(where)
        # Relative to the working folder (commands and tests run from the root), except after $(dirname "$0").
        scripted = _SCRIPT_DIR.sub("SCRIPT_DIR", line)
        for m in _DOTDOT.finditer(scripted):
            token = m.group(0)
            base = PurePosixPath()
            if token.startswith("SCRIPT_DIR/"):
                base, token = folder, token.removeprefix("SCRIPT_DIR/")
            if _escapes(base, token):
                found.append(where)
                break
    return found


def test_nothing_reads_outside_the_repository():
    files = tracked_files()
    assert len(files) > 100, "git ls-files found too few files: is this a git checkout?"
    problems = [p for f in files for p in problems_in(f, f.read_text(encoding="utf-8", errors="replace"))]
    assert not problems, "references outside the repository:\n" + "\n".join(problems)


def test_the_scanner_catches_each_kind_of_escape():
    """The scanner itself: each pattern a past or likely slip would use is reported; in-repository paths are not."""
    test_file = ROOT / "tests" / "library" / "test_x.py"
    bad = [
        # the escaping paths are spelled in two pieces so that this file does not itself name the neighbour
        'SEEDS = ROOT / "../' 'shared/seeds"',
        "see /work/" "shared/docs/environment.md",
        "open('../../notes.txt')",
        "HERE = Path(__file__).resolve().parent.parent.parent.parent",
        "HERE = Path(__file__).parents[3]",
        "OTHER = ROOT.parent / 'x'",
        # what tests/library/test_seed_coverage.py did before the seeds moved into data/sources/
        'return Path(os.environ.get("ATGDESK_SHARED") or ROOT.parent / "shared")',
        "The seed (``../" "shared/seeds/000_3bed40668a642f10.txt``) is parsed here",
    ]
    for line in bad:
        assert problems_in(test_file, line), line
    good = [
        "ROOT = Path(__file__).resolve().parent.parent.parent",
        "ROOT = Path(__file__).resolve().parents[2]",
        'SEEDS = ROOT / "data" / "sources" / "seeds"',
        "for day in range(-3..0): pass  # a range, not a path",
        "x = 'tests/../data/x.toml'",
    ]
    for line in good:
        assert not problems_in(test_file, line), line
    ci = ROOT / ".ci" / "run"
    assert not problems_in(ci, 'cd "$(dirname "$0")/.."')
    assert problems_in(ci, 'cd "$(dirname "$0")/../.."')
    assert problems_in(ROOT / "Makefile", "\tcp x ../elsewhere/")
