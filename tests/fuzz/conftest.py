"""Fuzzing set-up: Hypothesis profiles, a per-target case counter, and a small library with a hostile study.

Profiles (``ATGDESK_FUZZ_PROFILE``): ``ci`` (default; the whole folder in well under 90 s) and ``long`` (many
more cases, run by ``bench/bench_fuzz.py``).  Each fuzz target calls :func:`count` once per generated case; when
``ATGDESK_FUZZ_COUNTS`` names a file, the counts are written there as JSON at the end of the session.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_FIXTURES = ROOT / "tests" / "library" / "fixtures" / "data"
HOSTILE_STUDY = Path(__file__).resolve().parent / "fixtures" / "hostile2026.toml"
SHIPPED_MODEL = ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml"

_COMMON = dict(deadline=None, derandomize=False, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                      HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("ci", max_examples=40, **_COMMON)
settings.register_profile("long", max_examples=2000, **_COMMON)
PROFILE = os.environ.get("ATGDESK_FUZZ_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    raise pytest.UsageError(f"ATGDESK_FUZZ_PROFILE must be ci or long, got {PROFILE!r}")

CASES: Counter[str] = Counter()


def count(target: str) -> None:
    """Record one generated case of ``target`` (for bench/bench_fuzz.py)."""
    CASES[target] += 1


def fuzz_settings(scale: float = 1.0):
    """The active profile, with max_examples scaled for slower targets (at least 5)."""
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=max(5, int(base.max_examples * scale)))


def pytest_sessionfinish(session, exitstatus):
    out = os.environ.get("ATGDESK_FUZZ_COUNTS")
    if out:
        Path(out).write_text(json.dumps(dict(CASES), indent=1), encoding="utf-8")


@pytest.fixture(scope="session")
def fuzz_data(tmp_path_factory) -> Path:
    """The library tests' fixture data plus a study with markup and script-like text in every field."""
    target = tmp_path_factory.mktemp("fuzz-data") / "data"
    shutil.copytree(LIBRARY_FIXTURES, target)
    shutil.copyfile(HOSTILE_STUDY, target / "studies" / HOSTILE_STUDY.name)
    return target


@pytest.fixture(scope="session")
def fuzz_db(fuzz_data, tmp_path_factory) -> Path:
    """``fuzz_data`` built by the real builder."""
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("fuzz-db") / "atgdesk.sqlite"
    build_database(fuzz_data, out)
    return out


@pytest.fixture(scope="session")
def fuzz_library(fuzz_db):
    from atgdesk.library.db import open_bundled
    lib = open_bundled(fuzz_db)
    yield lib
    lib.close()
