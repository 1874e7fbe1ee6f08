"""The wheel a user installs with pip/pipx works on its own (issue 15): built from this tree with ``python -m
build``, installed into a fresh virtual environment outside the repository, and run from a folder outside it.

Before the fix an installed wheel looked for ``site-packages/build/atgdesk.sqlite`` and ``site-packages/data/``:
``--smoke`` exited 3 and ``models`` listed nothing.  The first tests check the path logic without building.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from atgdesk import paths

ROOT = Path(__file__).resolve().parents[2]
MODEL = "illustrative-rabbit-atg-active"
# What the app reads at run time; setup.py must put each into atgdesk/_bundle/ of the wheel.
BUNDLED = ("atgdesk/_bundle/atgdesk.sqlite", "atgdesk/_bundle/data/products.toml",
           "atgdesk/_bundle/data/targets.toml", "atgdesk/_bundle/data/vocab.toml",
           f"atgdesk/_bundle/data/models/{MODEL}.toml", "atgdesk/_bundle/resources/icons/atgdesk.svg",
           "atgdesk/_bundle/resources/csl/apa.csl")


def test_source_checkout_reads_data_and_build_in_the_repository():
    assert paths.bundle_root() == ROOT
    assert paths.data_dir() == ROOT / "data"
    assert paths.resources_dir() == ROOT / "resources"


def test_installed_layout_reads_the_package_bundle(monkeypatch, tmp_path):
    """No checkout around the package: data, resources and the database come from atgdesk/_bundle/."""
    bundle = tmp_path / "site-packages" / "atgdesk" / "_bundle"
    (bundle / "data").mkdir(parents=True)
    monkeypatch.delenv("ATGDESK_DB", raising=False)
    monkeypatch.setattr(paths, "_checkout_root", lambda: None)
    monkeypatch.setattr(paths, "_package_bundle", lambda: bundle)
    assert paths.bundle_root() == bundle
    assert paths.bundled_db_path() == bundle / paths.DB_FILENAME
    assert paths.models_dir() == bundle / "data" / "models"
    assert paths.resource("icons", "atgdesk.svg") == bundle / "resources" / "icons" / "atgdesk.svg"


def test_frozen_layout_is_unchanged(monkeypatch, tmp_path):
    monkeypatch.delenv("ATGDESK_DB", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.bundle_root() == tmp_path
    assert paths.bundled_db_path() == tmp_path / paths.DB_FILENAME
    assert paths.data_dir() == tmp_path / "data"


def _clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without anything that would point the installed app back at this repository."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "ATGDESK_DB", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return proc


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_wheel_installed_in_a_fresh_venv_outside_the_repository_works(tmp_path, app_env):
    timings: dict[str, float] = {}
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert ROOT not in outside.resolve().parents

    # 1. Build the sdist and, from it, the wheel (isolated build environment, as pip/pipx would).
    started = time.monotonic()
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], cwd=outside, env=_clean_env())
    timings["build"] = time.monotonic() - started
    wheels = sorted(dist.glob("atgdesk-*.whl"))
    sdists = sorted(dist.glob("atgdesk-*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in dist.iterdir())
    names = set(zipfile.ZipFile(wheels[0]).namelist())
    missing = [name for name in BUNDLED if name not in names]
    assert not missing, f"the wheel lacks {missing}"
    assert not any(n.startswith(("data/", "build/", "tests/")) for n in names), "files outside the package"

    # 2. A fresh virtual environment (no access to this repository's venv), the wheel installed with pip.
    started = time.monotonic()
    venv = tmp_path / "venv"
    base_python = getattr(sys, "_base_executable", None) or sys.executable  # the interpreter, not this venv
    _run([base_python, "-m", "venv", str(venv)], cwd=outside, env=_clean_env())
    pip_env = _clean_env(PIP_DISABLE_PIP_VERSION_CHECK="1")
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheels[0])], cwd=outside, env=pip_env,
         timeout=600)
    timings["install"] = time.monotonic() - started

    # 3. The installed app and command line, run from a folder outside the repository.
    started = time.monotonic()
    env = _clean_env(ATGDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    py, exe = str(venv / "bin" / "python"), str(venv / "bin" / "atgdesk")
    where = _run([py, "-c", "import atgdesk, atgdesk.paths as p; print(atgdesk.__file__); "
                  "print(p.bundled_db_path()); print(p.models_dir())"], cwd=outside, env=env)
    for line in where.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv.resolve()), f"the installed app reads {line}"

    smoke = _run([exe, "--smoke"], cwd=outside, env=env, timeout=180)
    assert "Traceback" not in smoke.stderr

    hits = json.loads(_run([exe, "search", "thymoglobulin", "--json"], cwd=outside, env=env).stdout)
    assert len(hits) >= 5 and hits[0]["rank"] == 1 and hits[0]["title"]
    # The same hits as the database built from data/ in this checkout: the wheel carries the current library.
    here = json.loads(_run([sys.executable, "-m", "atgdesk", "search", "thymoglobulin", "--json"], cwd=ROOT,
                           env=dict(app_env, ATGDESK_HOME=str(tmp_path / "home-src"))).stdout)
    assert [h["id"] for h in hits] == [h["id"] for h in here]

    models = json.loads(_run([exe, "models", "--json"], cwd=outside, env=env).stdout)
    assert [m["id"] for m in models["models"]] == [MODEL], models
    assert models["models"][0]["status"] == "illustrative"

    result = json.loads(_run([exe, "simulate", "--model", MODEL, "--weight", "70", "--alc", "0.5",
                              "--regimen", "2.5mg/kg@-3,-2,-1/6h", "--target", "admiraal2017-adult-ud-nma",
                              "--json"], cwd=outside, env=env).stdout)
    metrics = result["metrics"]
    assert metrics["auc_pre"] > 0 and metrics["auc_post"] > 0
    assert metrics["auc_total"] == pytest.approx(metrics["auc_pre"] + metrics["auc_post"], rel=1e-6)
    assert result["model"]["id"] == MODEL
    assert result["target"]  # the target window came from the bundled data/targets.toml
    timings["run"] = time.monotonic() - started
    print("wheel", wheels[0].name, f"{wheels[0].stat().st_size / 1024:.0f} KiB;",
          "; ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
