"""scripts/screenshots_matrix.py: each Xvfb screen is the logical size times QT_SCALE_FACTOR (the same helper as
scripts/screenshot.py), so under a scale factor of 2 the window is not half off screen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshots_matrix.py"


@pytest.fixture
def matrix():
    spec = importlib.util.spec_from_file_location("screenshots_matrix_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _screens(matrix, monkeypatch, tmp_path, sizes: str) -> list[str]:
    calls = []
    monkeypatch.setattr(matrix.shutil, "which", lambda name: "/usr/bin/xvfb-run")
    monkeypatch.setattr(matrix.subprocess, "call", lambda cmd, env=None: calls.append(cmd) or 0)
    monkeypatch.setattr(matrix.sys, "argv", ["screenshots_matrix.py", str(tmp_path), "--sizes", sizes,
                                             "--schemes", "dark", "--languages", "zh_CN"])
    assert matrix.main() == 0
    screens = [cmd[cmd.index("-s") + 1] for cmd in calls]
    assert [cmd[-3:] for cmd in calls] == [[size, "dark", "zh_CN"] for size in sizes.split(",")]  # logical sizes
    return screens


def test_xvfb_screen_is_the_logical_size_times_the_scale_factor(matrix, monkeypatch, tmp_path):
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    assert _screens(matrix, monkeypatch, tmp_path, "1366x768,1024x700") == ["-screen 0 2732x1536x24",
                                                                           "-screen 0 2048x1400x24"]
    monkeypatch.delenv("QT_SCALE_FACTOR")
    assert _screens(matrix, monkeypatch, tmp_path, "1366x768") == ["-screen 0 1366x768x24"]
