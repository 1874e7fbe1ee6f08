"""Issue 13, as subprocesses: the app starts without a usable user folder; SIGTERM saves a pending note and the
window state; exports are atomic and truthful (missing folder, full disk, devices and pipes never replaced);
``--json`` never leaves unfinished JSON; special files in the models folder neither hang nor hide the others."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args, env, timeout=120, **kwargs):
    return subprocess.run([sys.executable, "-m", "atgdesk", *args], capture_output=True, text=True, env=env,
                          timeout=timeout, cwd=ROOT, **kwargs)


# -- start-up ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["ATGDESK_HOME", "HOME"])
def test_app_starts_when_the_user_folder_cannot_be_created(app_env, tmp_path, where):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # nothing can be created under a file, not even by root
    env = dict(app_env, QT_QPA_PLATFORM="offscreen")
    if where == "HOME":
        env.pop("ATGDESK_HOME", None)
        env.pop("XDG_DATA_HOME", None)
        env["HOME"] = str(blocker / "home")
    else:
        env["ATGDESK_HOME"] = str(blocker / "data")
    out = _run(["--smoke"], env)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr


_SIGTERM_APP = r"""
import sys
from atgdesk import app as appmod
ctx = appmod.build(single_instance=True)
notifier = appmod.install_termination_handlers(ctx)
ctx.window.show()
controller = ctx.window.library_view.controller
view = controller.view.study_view
view._note_timer.setInterval(3_600_000)  # the note stays pending: only the SIGTERM path can save it
controller.show_study(sys.argv[1])
view.notes_edit.setPlainText("typed just before logout")
assert view._note_pending
ctx.window.tabs.setCurrentIndex(1)
print("ready", flush=True)
status = ctx.app.exec()
print("exited", status, flush=True)
"""


def test_sigterm_saves_the_pending_note_and_the_window_state(app_env, isolated_home):
    env = dict(app_env, QT_QPA_PLATFORM="offscreen", ATGDESK_HOME=str(isolated_home))
    proc = subprocess.Popen([sys.executable, "-c", _SIGTERM_APP, "scheinberg2011"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "exited 0" in out
    conn = sqlite3.connect(isolated_home / "user.sqlite")
    try:
        row = conn.execute("SELECT text FROM notes WHERE study_id = 'scheinberg2011'").fetchone()
    finally:
        conn.close()
    assert row == ("typed just before logout",)
    settings = (isolated_home / "settings.ini").read_text(encoding="utf-8")
    assert "tab=1" in settings and "geometry" in settings
    assert not (isolated_home / "atgdesk.lock").exists()  # released: the next start is not read-only


# -- exports ----------------------------------------------------------------------------------------------------
def test_export_to_a_missing_folder_fails_and_writes_nothing(app_env, tmp_path):
    target = tmp_path / "no-such-folder" / "out.ris"
    out = _run(["export", "--format", "ris", "--output", str(target)], app_env)
    assert out.returncode != 0
    assert "--output" in out.stderr and "Traceback" not in out.stderr
    assert not target.parent.exists()


def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_export_on_a_full_disk_fails_keeps_the_old_file_and_leaves_no_temporary(app_env, tmp_path):
    target = tmp_path / "library.ris"
    target.write_text("the previous export\n", encoding="utf-8")
    out = _run(["export", "--format", "ris", "--output", str(target)], app_env,
               preexec_fn=_limit_file_size(4096))
    assert out.returncode != 0, out.stderr
    assert "cannot write" in out.stderr and "Traceback" not in out.stderr
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.ris"]


def test_export_replaces_an_existing_file_whole(app_env, tmp_path):
    target = tmp_path / "library.ris"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.ris"
    link.symlink_to(target)
    out = _run(["export", "--format", "ris", "--output", str(link)], app_env)
    assert out.returncode == 0, out.stderr
    assert link.is_symlink()  # the link is followed, not replaced by a file
    assert target.read_text(encoding="utf-8").startswith("TY  - ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.ris", "link.ris"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_export_to_a_device_node_never_replaces_it(app_env, tmp_path):
    # a private twin of /dev/null (same major/minor), so a failure here cannot break the machine's /dev/null
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    out = _run(["export", "--format", "ris", "--output", str(device)], app_env)
    assert stat.S_ISCHR(device.stat().st_mode)  # still the device
    assert out.returncode == 2 and "a device" in out.stderr


def test_export_to_a_pipe_is_refused_without_waiting(app_env, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = _run(["export", "--format", "ris", "--output", str(fifo)], app_env, timeout=60)
    assert out.returncode == 2 and "pipe" in out.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_failing_command_prints_no_partial_output(app_env, tmp_path, monkeypatch):
    """A command that fails half-way through writing (here: a value JSON cannot hold) leaves stdout empty."""
    script = r"""
import json, sys
from atgdesk import cli
from atgdesk.commands import library_cmds
def broken(args):
    sys.stdout.write('{"hits": [')
    json.dump(float("inf"), sys.stdout, allow_nan=False)
library_cmds.run_search = broken
sys.exit(cli.main(["search", "x", "--json"]))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=app_env, cwd=ROOT,
                         timeout=60)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("atgdesk: error:")


# -- models folder -------------------------------------------------------------------------------------------------
def test_special_files_in_the_user_models_folder_neither_hang_nor_hide_the_others(app_env, isolated_home):
    models = isolated_home / "models"
    models.mkdir(parents=True)
    os.mkfifo(models / "pipe.toml")
    with open(models / "sparse.toml", "wb") as handle:
        handle.truncate(8 * 1024 ** 3)  # 8 GB apparent size, nothing on disk
    (models / "device.toml").symlink_to("/dev/zero")
    (models / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (models / "folder.toml").mkdir()
    env = dict(app_env, ATGDESK_HOME=str(isolated_home))
    out = _run(["models", "--json"], env, timeout=60)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["models"], "the bundled models are still listed"
    text = json.dumps(data)
    for name, reason in (("pipe.toml", "pipe"), ("sparse.toml", "larger than"), ("device.toml", "device"),
                         ("deep.toml", "nested too deeply"), ("folder.toml", "folder")):
        assert name in text and reason in text, (name, text)


def test_gui_starts_without_a_usable_user_folder_and_quits_cleanly_on_sigterm(app_env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = dict(app_env, QT_QPA_PLATFORM="offscreen", ATGDESK_HOME=str(blocker / "data"))
    proc = subprocess.Popen([sys.executable, "-m", "atgdesk"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    try:
        time.sleep(8)  # start-up (the old main exited 70 here, with tracebacks)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
