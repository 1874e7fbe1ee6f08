"""Run every fuzz target of tests/fuzz/ with the long Hypothesis profile and print cases, failures and time.

Each target runs in its own pytest process with ``ATGDESK_FUZZ_PROFILE=long`` (``--profile ci`` for the quick
set); the targets count their generated cases (``tests/fuzz/conftest.py``) and write the counts to a JSON file.

    python bench/bench_fuzz.py [--profile long|ci] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import print_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FUZZ = "tests/fuzz"

# target name (as counted) → pytest node id
TARGETS = {
    "search": f"{FUZZ}/test_fuzz_search.py",
    "model-mutated": f"{FUZZ}/test_fuzz_model_files.py::test_fuzz_model_mutated_fields_fail_naming_file_and_field",
    "model-text": f"{FUZZ}/test_fuzz_model_files.py::test_fuzz_model_arbitrary_text_fails_naming_file_and_field",
    "regimen": f"{FUZZ}/test_fuzz_regimen.py",
    "levels-csv": f"{FUZZ}/test_fuzz_levels.py::test_fuzz_levels_csv_gives_named_error_or_finite_series",
    "levels-rows": f"{FUZZ}/test_fuzz_levels.py::test_fuzz_levels_table_rows_give_named_error_or_finite_series",
    "import-bytes": f"{FUZZ}/test_fuzz_importers.py::test_fuzz_import_arbitrary_bytes_gives_a_named_error_or_records",
    "import-mutated":
        f"{FUZZ}/test_fuzz_importers.py::test_fuzz_import_mutated_ris_nbib_xml_gives_a_named_error_or_records",
    "import-text": f"{FUZZ}/test_fuzz_importers.py::test_fuzz_import_arbitrary_text_gives_a_named_error_or_records",
    "engine": f"{FUZZ}/test_fuzz_engine.py",
    **{f"cli-{c}": f"{FUZZ}/test_fuzz_cli.py::test_fuzz_cli_{c.replace('-', '_')}_arguments_never_crash"
       for c in ("search", "export", "build-db", "models", "simulate", "levels")},
}


def run_target(name: str, node: str, profile: str) -> tuple[int, int, float, str]:
    """(cases run, failures, seconds, first failure message) of one target."""
    with tempfile.TemporaryDirectory(prefix="atgdesk-fuzz-") as tmp:
        counts = Path(tmp) / "counts.json"
        junit = Path(tmp) / "junit.xml"
        env = dict(os.environ, ATGDESK_FUZZ_PROFILE=profile, ATGDESK_FUZZ_COUNTS=str(counts),
                   QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", node,
                               f"--junitxml={junit}"], cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        cases = json.loads(counts.read_text()).get(name, 0) if counts.is_file() else 0
        failures, message = 0, ""
        if junit.is_file():
            for case in ET.parse(junit).getroot().iter("testcase"):
                bad = case.find("failure") if case.find("failure") is not None else case.find("error")
                if bad is not None:
                    failures += 1
                    message = message or (bad.get("message") or "")[:200]
        elif proc.returncode != 0:
            failures, message = 1, proc.stderr.strip()[-200:]
    return cases, failures, seconds, message


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=("long", "ci"), default="long")
    parser.add_argument("--only", choices=sorted(TARGETS), action="append", help="run only this target")
    args = parser.parse_args()
    rows, problems = [], []
    total_started = time.perf_counter()
    for name in args.only or TARGETS:
        cases, failures, seconds, message = run_target(name, TARGETS[name], args.profile)
        rows.append((name, cases, failures, f"{seconds:.1f}"))
        print(f"{name}: {cases} cases, {failures} failures, {seconds:.1f} s", file=sys.stderr, flush=True)
        if failures:
            problems.append(f"{name}: {message}")
    print_table(f"Fuzzing (Hypothesis profile '{args.profile}')", ("target", "cases run", "failures", "seconds"),
                rows)
    print(f"total: {sum(r[1] for r in rows)} cases, {sum(r[2] for r in rows)} failures, "
          f"{time.perf_counter() - total_started:.0f} s")
    for line in problems:
        print(f"FAILED {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
