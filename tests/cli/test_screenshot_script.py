"""scripts/screenshot.py: --size is in logical pixels, so under QT_SCALE_FACTOR the Xvfb screen is that many
times larger (at 2 a 1366x768 window needed a 2732x1536 screen and got a 1366x768 one, so half the window was
off screen)."""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "screenshot.py"


@pytest.fixture
def screenshot():
    spec = importlib.util.spec_from_file_location("screenshot_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screen_is_the_logical_size_times_the_scale_factor(screenshot, monkeypatch):
    monkeypatch.delenv("QT_SCALE_FACTOR", raising=False)
    assert screenshot.xvfb_screen((1366, 768)) == "1366x768"
    monkeypatch.setenv("QT_SCALE_FACTOR", "2")
    assert screenshot.xvfb_screen((1366, 768)) == "2732x1536"
    monkeypatch.setenv("QT_SCALE_FACTOR", "1.5")
    assert screenshot.xvfb_screen((1024, 700)) == "1536x1050"
    monkeypatch.setenv("QT_SCALE_FACTOR", "not a number")
    assert screenshot.xvfb_screen((1024, 700)) == "1024x700"


def test_size_accepts_x_and_times_sign_and_names_the_option_when_malformed(screenshot):
    assert screenshot._size("1366x768") == (1366, 768)
    assert screenshot._size("1366×768") == (1366, 768)
    for bad in ("1366", "axb", "10x10"):
        with pytest.raises(argparse.ArgumentTypeError):
            screenshot._size(bad)
    proc = subprocess.run([sys.executable, str(SCRIPT), "out.png", "--size", "wide"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "--size" in proc.stderr and "logical pixels" in proc.stderr


def test_help_says_the_size_is_in_logical_pixels():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "logical pixels" in proc.stdout and "QT_SCALE_FACTOR" in proc.stdout
