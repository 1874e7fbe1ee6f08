"""No home folder at all (issue 13): ``HOME`` unset and the user id without a password-database entry (a
locked-down or container account) makes ``Path.home()`` raise.  The GUI must still start, with personal data off
and a notice saying why, and every command-line command must work on the bundled data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ROOT / "tests" / "core" / "data" / "example_au.csv"

# Runs atgdesk as `python -m atgdesk` would, after making the password database know no user (pwd.getpwuid is
# what os.path.expanduser asks when HOME is unset); the environment has no HOME, ATGDESK_HOME or XDG_DATA_HOME.
_NO_PASSWD = r"""
import pwd, runpy, sys
def _no_entry(uid):
    raise KeyError(f"getpwuid(): uid not found: {uid}")
pwd.getpwuid = _no_entry
from pathlib import Path
try:
    Path.home()
except RuntimeError:
    pass
else:
    raise SystemExit("the test did not take the home folder away")
"""

_RUN_CLI = _NO_PASSWD + r"""
sys.argv = ["atgdesk", *sys.argv[1:]]
runpy.run_module("atgdesk", run_name="__main__", alter_sys=True)
"""

_BUILD_GUI = _NO_PASSWD + r"""
from atgdesk import app as appmod
ctx = appmod.build()
ctx.window.show()
ctx.app.processEvents()
print("userstore", ctx.userstore)
print("banner", ctx.window.banner.isVisibleTo(ctx.window), ctx.window.banner.text())
calc = ctx.window.calculator_view
print("models", len(calc._catalogue.models))
calc.pin_current()
calc.save_pinned(0)
print("note", calc.scenario_panel.note.text())
ctx.window.force_close = True
ctx.window.close()
ctx.shutdown()
"""


@pytest.fixture
def no_home_env(app_env):
    env = dict(app_env, QT_QPA_PLATFORM="offscreen")
    for name in ("HOME", "ATGDESK_HOME", "XDG_DATA_HOME"):
        env.pop(name, None)
    return env


def _py(code: str, args: list[str], env, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT)


def _clean(out: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr


def test_gui_starts_with_personal_data_off_and_a_notice(no_home_env):
    out = _py(_BUILD_GUI, [], no_home_env)
    assert out.returncode == 0, out.stderr
    _clean(out)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert lines["userstore"] == "None"
    assert lines["banner"].startswith("True ") and "personal data" in lines["banner"]
    assert "no home folder" in lines["banner"] and "ATGDESK_HOME" in lines["banner"]
    assert int(lines["models"]) >= 1  # the bundled models are there
    assert "cannot be saved" in lines["note"]  # never a false "Saved"


def test_smoke_run_passes(no_home_env):
    out = _py(_RUN_CLI, ["--smoke"], no_home_env)
    assert out.returncode == 0, out.stderr
    _clean(out)


@pytest.mark.parametrize("args", [
    ["models"],
    ["models", "--json"],
    ["search", "thymoglobulin"],
    ["simulate", "--model", "illustrative-rabbit-atg-active", "--weight", "72", "--alc", "0",
     "--regimen", "2.5mg/kg@-3,-2/6h,4h"],
    ["levels", str(LEVELS)],
    ["--version"],
])
def test_command_line_commands_work(no_home_env, args):
    out = _py(_RUN_CLI, args, no_home_env)
    assert out.returncode == 0, out.stderr
    _clean(out)
    assert out.stdout.strip()
    if "--json" in args:
        assert json.loads(out.stdout)["models"]


def test_data_dir_still_keeps_personal_data(no_home_env, tmp_path):
    """With --data-dir the user folder is named explicitly: no home folder is needed."""
    out = _py(_RUN_CLI, ["--data-dir", str(tmp_path / "data"), "--smoke"], no_home_env)
    assert out.returncode == 0, out.stderr
    _clean(out)
    assert (tmp_path / "data" / "user.sqlite").is_file()
