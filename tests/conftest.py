"""Shared test fixtures: Qt offscreen, an isolated user folder per test, and a real built database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own user folder (settings, user database, logs)."""
    from atgdesk import paths
    home = tmp_path / "home"
    monkeypatch.setenv("ATGDESK_HOME", str(home))
    paths.set_user_dir(None)
    yield home
    paths.set_user_dir(None)


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory) -> Path:
    """The evidence database built from data/ by the real builder, in a temporary folder."""
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("db") / "atgdesk.sqlite"
    build_database(ROOT / "data", out)
    return out


@pytest.fixture
def app_env(bundled_db, monkeypatch):
    """Environment for running the app (in-process or as a subprocess) on the freshly built database."""
    monkeypatch.setenv("ATGDESK_DB", str(bundled_db))
    # The first-start welcome would cover the window the end-to-end tests drive; a test that wants it sets "1".
    monkeypatch.setenv("ATGDESK_WELCOME", "0")
    env = dict(os.environ)
    env["ATGDESK_DB"] = str(bundled_db)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture(scope="session")
def python_exe() -> str:
    return sys.executable
