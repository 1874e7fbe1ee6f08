"""Fixtures for the library tests: a tiny fixture data folder built by the real builder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
FIXTURE_IDS = ("atta2010", "ayuk2005", "deeks2009", "hacker2008", "scheinberg2011", "wang2025")


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory) -> Path:
    """The fixture data built into a database by ``build_database``."""
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("fixture-db") / "atgdesk.sqlite"
    build_database(FIXTURE_DATA, out)
    return out


@pytest.fixture(scope="session")
def library(fixture_db):
    """The fixture database opened read-only (shared by the tests; it cannot change)."""
    from atgdesk.library.db import open_bundled
    lib = open_bundled(fixture_db)
    yield lib
    lib.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the fixture data folder, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target
