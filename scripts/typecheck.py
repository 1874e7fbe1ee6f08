"""Type-check the package with mypy, holding every module not in mypy-ratchet.txt to zero errors.

One mypy run over ``atgdesk`` (configuration in pyproject.toml).  Fails when a module outside the ratchet list
has an error, or when a listed module has none left (remove it: the list only shrinks).  Exit status 0 or 1.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATCHET = ROOT / "mypy-ratchet.txt"
_ERROR = re.compile(r"^(atgdesk/[\w/]+\.py):\d+: error: ")


def ratchet_modules(path: Path | None = None) -> list[str]:
    """The listed module paths (comments and blank lines skipped)."""
    text = (path or RATCHET).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def main() -> int:
    listed = set(ratchet_modules())
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (configuration, crash)
        print(proc.stdout + proc.stderr, file=sys.stderr)
        print("typecheck: mypy did not run", file=sys.stderr)
        return 1
    errors: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        m = _ERROR.match(line)
        if m:
            errors.setdefault(m.group(1), []).append(line)
    new = sorted(set(errors) - listed)
    clean = sorted(m for m in listed if m not in errors)
    for module in new:
        print("\n".join(errors[module]))
    if new:
        print(f"typecheck: {sum(len(errors[m]) for m in new)} mypy errors in {len(new)} checked modules "
              f"({', '.join(new)}); fix them (mypy-ratchet.txt only shrinks)", file=sys.stderr)
    if clean:
        print(f"typecheck: now clean, remove from mypy-ratchet.txt: {', '.join(clean)}", file=sys.stderr)
    if new or clean:
        return 1
    unlisted = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    print(f"typecheck: clean outside {len(listed)} ratchet modules ({unlisted})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
