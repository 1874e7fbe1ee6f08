"""``atgdesk levels`` with extreme values (issue 13): a level like 1e308 printed 300-digit numbers or ``inf``,
NumPy overflow warnings reached stderr, ``--json`` failed on ``inf`` and a fit could end in an internal error.
Implausible values are refused as the file is read, naming the row and the field; values at the accepted bounds
give finite, formatted output (text and JSON) and nothing on stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REGIMEN = ["--regimen", "2.5mg/kg@-3,-2/6h", "--weight", "70"]


def run(path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONWARNINGS"] = "default"  # every warning that would reach a user's terminal is shown
    return subprocess.run([sys.executable, "-m", "atgdesk", "levels", str(path), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "levels.csv"
    path.write_text("time_day,concentration,unit\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _no_constant(name: str):
    raise ValueError(f"non-finite number in the JSON: {name}")


@pytest.mark.parametrize("rows, row, field, words", [
    (["-3,0,AU/mL", "-2,1e308,AU/mL", "1,20,AU/mL"], 3, "column concentration", "implausibly large"),
    (["-3,0,AU/mL", "-2,1000001,AU/mL", "1,20,AU/mL"], 3, "column concentration", "implausibly large"),
    (["-3,0,AU/mL", "-2,30,AU/mL", "1,1e-300,AU/mL"], 4, "column concentration", "implausibly small"),
    (["-3,0,AU/mL", "-2,30,AU/mL", "1,<1e308,AU/mL"], 4, "column concentration",
     "limit of quantification '<1e308' is implausibly large"),
    (["-3,0,AU/mL", "1e308,30,AU/mL"], 3, "column time_day", "implausible"),
    (["-3,0,AU/mL", "-36501,30,AU/mL"], 3, "column time_day", "implausible"),
])
@pytest.mark.parametrize("json_out", [False, True])
def test_implausible_values_are_refused_naming_row_and_field(tmp_path, rows, row, field, words, json_out):
    path = _csv(tmp_path, rows)
    out = run(path, *(["--json"] if json_out else []))
    assert out.returncode == 2, out.stderr
    assert out.stdout == ""  # nothing printed before the error, no unfinished JSON
    line = out.stderr.strip()
    assert line.startswith("atgdesk: error: levels.csv row ") and "\n" not in line, out.stderr
    assert f"row {row}, {field}" in line and words in line
    assert "Warning" not in out.stderr and "Traceback" not in out.stderr


EDGE_FILES = {
    "bounds": ["-3,0,AU/mL", "-2,1e6,AU/mL", "1,999999,AU/mL", "5,1e-6,AU/mL", "10,0.000001,AU/mL",
               "36500,1e6,AU/mL"],
    "tiny after huge": ["-3,0,AU/mL", "-2.9,1e6,AU/mL", "-2.8,1e-6,AU/mL", "0,1e-6,AU/mL", "36500,1e-6,AU/mL"],
    "huge and falling": ["-3,0,AU/mL", "-2.75,1e6,AU/mL", "-2,9e5,AU/mL", "1,8e5,AU/mL", "5,5e5,AU/mL",
                         "10,2e5,AU/mL", "20,1e5,AU/mL"],
}


@pytest.mark.parametrize("name", list(EDGE_FILES))
@pytest.mark.parametrize("extra", [[], REGIMEN, REGIMEN + ["--compartments", "2"],
                                   REGIMEN + ["--target-auc", "75"]])
def test_values_at_the_bounds_give_finite_formatted_output_and_no_warnings(tmp_path, name, extra):
    path = _csv(tmp_path, EDGE_FILES[name])
    text = run(path, *extra)
    assert text.returncode in (0, 2), text.stderr
    assert "Warning" not in text.stderr and "internal error" not in text.stderr, text.stderr
    if text.returncode == 2:  # a refusal is one line naming what is wrong (e.g. a fit that cannot run)
        assert text.stderr.startswith("atgdesk: error: ") and text.stderr.count("\n") == 1
    else:
        assert text.stderr == ""
        # every number goes through format_number: no inf/nan, no exponent, no 16-digit figures
        assert not re.search(r"\binf\b|\bnan\b|\d[eE][+-]?\d|\d{16,}", text.stdout), text.stdout
    js = run(path, *extra, "--json")
    assert js.returncode == text.returncode
    assert "Warning" not in js.stderr and "internal error" not in js.stderr, js.stderr
    if js.returncode == 0:
        data = json.loads(js.stdout, parse_constant=_no_constant)  # strict JSON: no Infinity or NaN
        assert data["nca"]["auc_post"] is None or data["nca"]["auc_post"] < 1e12
