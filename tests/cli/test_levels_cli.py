"""``atgdesk levels`` as a user meets it: subprocess runs, text and JSON output, one-line errors with exit 2."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "core" / "data"
EXAMPLE = DATA / "example_au.csv"
REGIMEN = "2.5mg/kg@-3,-2/6h"


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    e = dict(os.environ if env is None else env)
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "atgdesk", "levels", *args], env=e, capture_output=True,
                          text=True, timeout=120)


def test_levels_prints_nca_with_auc_split_half_life_and_extrapolation():
    proc = run(str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for text in ("Non-compartmental analysis", "AUC observed, before day 0", "AUC observed, day 0 to day 28",
                 "half-life", "adj. R²", "AUC extrapolated, day 28 to 100", "Post-HCT AUC, day 0 to 100",
                 "AU·day/mL", "row 18 (day 42)", "reference and teaching tool"):
        assert text in out, text
    assert "Individual fit" not in out  # no regimen: no fit


def test_levels_json_matches_the_core_nca():
    from atgdesk.core.levels import read_levels_csv
    from atgdesk.core.nca import nca

    proc = run(str(EXAMPLE), "--json", "--horizon", "60")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    expected = nca(read_levels_csv(EXAMPLE), horizon_day=60)
    assert data["nca"]["auc_post"] == pytest.approx(expected.auc_post, rel=1e-12)
    assert data["nca"]["auc_pre_observed"] == pytest.approx(expected.auc_pre_observed, rel=1e-12)
    assert data["nca"]["terminal"]["half_life_day"] == pytest.approx(expected.terminal.half_life_day, rel=1e-12)
    assert data["exposure_unit"] == "AU·day/mL"
    assert [s["row"] for s in data["levels"]["samples"] if s["blq"]] == [18]


def test_levels_with_regimen_fits_forecasts_and_proposes_a_dose_hitting_the_target():
    # The example file was generated from a 2-compartment model with cl 3, v1 4, q 2, v2 6 (rounded to 3
    # significant digits), so the fit lands within a few per cent of those values.
    proc = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--compartments", "2", "--target-auc", "30",
               "--as-of", "-2.5", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    est = {e["name"]: e["value"] for e in data["fit"]["estimates"]}
    for name, truth in {"cl": 3.0, "v1": 4.0, "q": 2.0, "v2": 6.0}.items():
        assert est[name] == pytest.approx(truth, rel=0.03), name
    assert data["fit"]["simulation"].startswith("engine")
    fc = data["forecast"]
    assert fc["auc_total"] == pytest.approx(fc["auc_pre"] + fc["auc_post"], rel=1e-12)
    prop = data["proposal"]
    assert prop["status"] == "ok"
    assert abs(prop["achieved_auc"] - 30.0) / 30.0 < 0.005
    assert len(prop["proposed_remaining"]) == 1 and prop["proposed_remaining"][0]["start_day"] == -2.0
    assert prop["proposed_remaining"][0]["mg_per_kg"] == pytest.approx(
        prop["proposed_remaining"][0]["amount_mg"] / 70.0, rel=1e-12)


def test_levels_text_output_with_regimen_shows_fit_forecast_and_proposal():
    proc = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--target-auc", "30", "--as-of", "-2.5",
               "--proposal", "equal")
    assert proc.returncode == 0, proc.stderr
    for text in ("Individual fit: individual linear 1-compartment fit", "RSE", "Forecast with the regimen as given",
                 "Below 1 AU/mL from day", "Remaining-dose proposal", "day −2, 00:00: planned 175 mg → proposed",
                 "13 quantified (AU/mL), day −3, 00:00 to day +28, 00:00"):
        assert text in proc.stdout, text


def test_levels_with_the_bundled_model_gives_a_labelled_map_estimate():
    proc = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--model", "illustrative-rabbit-atg-active",
               "--alc", "0.2", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    m = data["map"]
    assert m["model"]["status"] == "illustrative"
    for name, e in m["eta"].items():
        assert 0 <= e["shrinkage"] <= 1, name
        assert math.isfinite(e["value"])
    text = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--model", "illustrative-rabbit-atg-active",
               "--alc", "0.2").stdout
    assert "MAP Bayesian estimate" in text and "not for dosing decisions" in text and "shrinkage" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(DATA / "mixed_units.csv")], "mixed_units.csv row 3, column unit: mg/L cannot be mixed with AU/mL"),
        ([str(DATA / "bad_number.csv")], "bad_number.csv row 3, column concentration"),
        ([str(DATA / "missing_column.csv")], "missing_column.csv row 1: missing column concentration"),
        (["no-such-file.csv"], "no-such-file.csv: file not found"),
        ([str(EXAMPLE), "--regimen", REGIMEN], "--weight: required with --regimen"),
        ([str(EXAMPLE), "--regimen", REGIMEN, "--weight", "heavy"], "--weight: 'heavy' is not a number"),
        ([str(EXAMPLE), "--regimen", "2.5mg/kg@x/6h", "--weight", "70"], "--regimen: regimen part 1"),
        ([str(EXAMPLE), "--horizon", "0"], "--horizon: must be > 0"),
        ([str(EXAMPLE), "--compartments", "3"], "--compartments: '3' is not one of 1, 2"),
        ([str(EXAMPLE), "--terminal-points", "2"], "--terminal-points: must be an integer from 3"),
        ([str(EXAMPLE), "--target-auc", "30"], "--target-auc: needs --regimen"),
        ([str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--target-auc", "30"],
         "--as-of: no administration starts after day 28"),
        ([str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--model", "nosuch"], "--model: unknown id 'nosuch'"),
        ([str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--model", "illustrative-rabbit-atg-active"],
         "--alc: model 'illustrative-rabbit-atg-active' needs the lymphocyte count"),
        ([str(EXAMPLE), "--unit", "ng/mL"], "--unit: unknown concentration unit 'ng/mL'"),
    ],
)
def test_levels_bad_input_gives_one_line_naming_the_problem_and_exit_2(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("atgdesk: error: ")
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


def test_levels_with_a_mass_unit_file_refuses_an_au_model(tmp_path):
    f = tmp_path / "mass.csv"
    f.write_text("time_day,concentration,unit\n-2.5,40,mg/L\n1,20,mg/L\n7,8,mg/L\n")
    proc = run(str(f), "--regimen", REGIMEN, "--weight", "70", "--model", "illustrative-rabbit-atg-active",
               "--alc", "0.2")
    assert proc.returncode == 2
    assert "predicts AU/mL but the levels are in mg/L" in proc.stderr


# -- issue 12 item 7: one post-HCT exposure against the target; user model files --------------------------------
def test_levels_prints_one_labelled_post_hct_exposure_and_the_target_verdict():
    proc = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--target", "lakkaraja2022-cd34-harmful",
               "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    e = data["post_hct_exposure"]
    assert e["method"] == "observed + forecast" and e["unit"] == "AU·day/mL"
    assert e["measured"] == pytest.approx(data["nca"]["auc_post_observed"], rel=1e-12)
    assert e["auc"] == pytest.approx(e["measured"] + e["added"], rel=1e-12)
    v = data["target_verdict"]
    assert v["compared"] and v["kind"] == "avoid-band"
    # the same words as the calculator: inside the harmful band is never 'within'
    assert v["headline"] == ("IN HARMFUL RANGE" if e["auc"] >= 55.0 else "BELOW THE HARMFUL RANGE")
    assert v["role"] == ("danger" if e["auc"] >= 55.0 else "neutral")
    text = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--target", "lakkaraja2022-cd34-harmful").stdout
    assert "Post-HCT exposure (AUC after day 0, to day 100): " in text
    assert "Against target lakkaraja2022-cd34-harmful: This patient (measured + forecast): " in text
    assert "after_day" not in text and "mg/(AU/mL)" not in text and "mg/day per AU/mL" in text
    assert "e+0" not in text and "e-0" not in text


def test_levels_target_of_another_assay_is_not_compared_and_a_wrong_id_lists_the_ids():
    proc = run(str(EXAMPLE), "--target", "jtct2022-haplo-total-ue", "--json")
    assert proc.returncode == 0, proc.stderr
    v = json.loads(proc.stdout)["target_verdict"]
    assert v["compared"] is False and "total AUC" in v["reason"]
    bad = run(str(EXAMPLE), "--target", "nosuch")
    assert bad.returncode == 2 and bad.stderr.startswith("atgdesk: error: --target: unknown id 'nosuch'")
    assert "admiraal2017-adult-ud-nma" in bad.stderr


def test_levels_model_reads_a_user_model_file(tmp_path):
    home = tmp_path / "home"
    (home / "models").mkdir(parents=True)
    text = (ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml").read_text(encoding="utf-8")
    text = text.replace('id = "illustrative-rabbit-atg-active"', 'id = "my-ward-model"', 1)
    assert 'id = "my-ward-model"' in text
    (home / "models" / "my-ward-model.toml").write_text(text, encoding="utf-8")
    env = dict(os.environ)
    env["ATGDESK_HOME"] = str(home)
    proc = run(str(EXAMPLE), "--regimen", REGIMEN, "--weight", "70", "--model", "my-ward-model", "--alc", "0.2",
               "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["map"]["model"]["id"] == "my-ward-model"
