"""The command line as a user meets it: subprocess runs, exit codes, one-line errors."""

from __future__ import annotations

import subprocess


def run(python_exe, env, *args, timeout=120):
    return subprocess.run([python_exe, "-m", "atgdesk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_help_lists_the_subcommands(python_exe, app_env):
    proc = run(python_exe, app_env, "--help")
    assert proc.returncode == 0
    for command in ("search", "export", "build-db", "models", "simulate", "levels"):
        assert command in proc.stdout
    assert "--smoke" in proc.stdout


def test_version_prints_the_app_version(python_exe, app_env):
    from atgdesk import __version__
    proc = run(python_exe, app_env, "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"ATG Desk {__version__}"


def test_smoke_run_exits_zero(python_exe, app_env):
    proc = run(python_exe, app_env, "--smoke")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_smoke_run_with_missing_database_fails_in_one_line(python_exe, app_env, tmp_path):
    env = dict(app_env, ATGDESK_DB=str(tmp_path / "missing.sqlite"))
    proc = run(python_exe, env, "--smoke")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip() and "propagateSizeHints" not in line]
    assert len(lines) == 1 and "database" in lines[0]


def test_unknown_subcommand_gives_one_line_error_and_status_2(python_exe, app_env):
    proc = run(python_exe, app_env, "frobnicate")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "frobnicate" in lines[0] and lines[0].startswith("atgdesk: error:")
    assert "Traceback" not in proc.stderr


def test_smoke_run_paints_every_tab_but_leaves_the_remembered_tab(python_exe, app_env, tmp_path):
    """The smoke run visits every area, the calculator last; a user's last-used tab (here the library) stays."""
    import configparser
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text("[window]\ntab=0\n", encoding="utf-8")
    proc = run(python_exe, dict(app_env, ATGDESK_HOME=str(home)), "--smoke")
    assert proc.returncode == 0, proc.stderr
    ini = configparser.ConfigParser()
    ini.read(home / "settings.ini", encoding="utf-8")
    assert ini.get("window", "tab") == "0"


def test_smoke_run_turns_the_garbage_collector_back_on(python_exe, app_env):
    """Start-up pauses the cyclic GC; once the window has painted it is frozen-and-enabled again."""
    code = ("import gc, sys; from atgdesk import app; status = app.run_smoke(); "
            "print(status, gc.isenabled(), gc.get_freeze_count() > 0)")
    proc = subprocess.run([python_exe, "-c", code], env=app_env, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["0", "True", "True"], proc.stderr
