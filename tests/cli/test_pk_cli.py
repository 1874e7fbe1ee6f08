"""Subprocess runs of `atgdesk models` and `atgdesk simulate`: exit codes, one-line errors, JSON shape."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = "illustrative-rabbit-atg-active"
LABEL = "Illustrative model — calibrated to published summary figures"


def run(*args, home=None):
    env = dict(os.environ)
    env["ATGDESK_HOME"] = str(home) if home else str(ROOT / "build" / "test-home-pk")
    return subprocess.run([sys.executable, "-m", "atgdesk", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def sim(*extra):
    return run("simulate", "--model", MODEL, "--weight", "72", "--alc", "0", "--regimen", "2.5mg/kg@-3,-2/6h,4h",
               *extra)


def test_models_lists_the_illustrative_model_with_status_and_source():
    out = run("models")
    assert out.returncode == 0, out.stderr
    assert MODEL in out.stdout and "[illustrative]" in out.stdout and LABEL in out.stdout
    js = json.loads(run("models", "--json").stdout)
    m = next(x for x in js["models"] if x["id"] == MODEL)
    assert m["status"] == "illustrative" and m["source"]["citation"] and m["product"] == "rabbit-thymoglobulin"
    assert js["errors"] == []


def test_models_reports_bad_files_and_keeps_the_good_ones(tmp_path):
    (tmp_path / "bad.toml").write_text("schema_version = 1\nid = 'x'\n")
    good = (ROOT / "data" / "models" / f"{MODEL}.toml").read_text()
    (tmp_path / "good.toml").write_text(good)
    out = run("models", "--json", "--folder", str(tmp_path))
    js = json.loads(out.stdout)
    assert out.returncode == 0
    assert [m["id"] for m in js["models"]] == [MODEL]
    assert js["errors"][0]["file"].endswith("bad.toml") and "bad.toml" in js["errors"][0]["error"]
    text = run("models", "--folder", str(tmp_path)).stdout
    line = next(x for x in text.splitlines() if x.startswith("not loaded:"))
    assert line.count("bad.toml") == 1  # the path once, not "path: path: reason"


def test_simulate_text_output_has_metrics_label_and_verdict():
    out = sim("--target", "admiraal2017-adult-ud-nma")
    assert out.returncode == 0, out.stderr
    assert LABEL in out.stdout
    assert "AUC day 0 to 100" in out.stdout and "AU·day/mL" in out.stdout
    assert "Typical patient: BELOW TARGET WINDOW (too low) — post-HCT AUC" in out.stdout
    assert "target 60–95 AU·day/mL" in out.stdout


def test_simulate_verdict_words_are_the_screens():
    """The command line prints the presenter's verdict (the one the screen shows) for the same prediction."""
    from atgdesk.core.metrics import predict
    from atgdesk.core.model import load_model
    from atgdesk.core.regimen import parse_dose_schedule
    from atgdesk.core.targets import find_target, load_targets
    from atgdesk.present.calculator import verdict_state

    model = load_model(ROOT / "data" / "models" / f"{MODEL}.toml")
    targets = load_targets(ROOT / "data" / "targets.toml")
    regimen = parse_dose_schedule("2.5mg/kg@-3,-2/6h,4h").regimen(72.0)
    metrics = predict(model, {"weight_kg": 72.0, "alc_per_nl": 0.0}, regimen, 100.0, 1.0, 0.05).metrics
    for tid in ("admiraal2017-adult-ud-nma", "lakkaraja2022-cd34-harmful", "lakkaraja2022-cd34-favourable"):
        target = find_target(targets, tid)
        screen = verdict_state(target.setting, target, model, metrics)
        js = json.loads(sim("--json", "--target", tid).stdout)["target"]
        assert (js["text"], js["role"], js["kind"]) == (screen.text, screen.role, target.kind)


def test_simulate_json_shape_with_population_and_curve():
    out = sim("--json", "--curve", "--population", "300", "--target", "admiraal2017-adult-ud-nma", "--seed", "4")
    assert out.returncode == 0, out.stderr
    js = json.loads(out.stdout)
    assert js["status"] == "illustrative" and js["label"].startswith(LABEL)
    assert set(js["metrics"]) >= {"auc_pre", "auc_post", "auc_total", "cmax", "tmax_day", "day_below_threshold"}
    assert js["metrics"]["auc_post"] == pytest.approx(47.0, rel=0.01)
    assert js["units"]["auc"] == "AU·day/mL"
    assert js["target"]["verdict"] == "below" and js["target"]["compared"] is True
    assert 0 <= js["population"]["pta"] <= 1 and js["population"]["n"] == 300
    p = js["population"]["auc_post_percentiles"]
    assert p["5"] <= p["50"] <= p["95"]
    assert len(js["curve"]["t_day"]) == len(js["curve"]["conc"]) > 100
    assert set(js["population"]["band"]) == {"t_day", "p5", "p25", "p50", "p75", "p95"}
    again = json.loads(sim("--json", "--population", "300", "--target", "admiraal2017-adult-ud-nma",
                           "--seed", "4").stdout)
    assert again["population"]["pta"] == js["population"]["pta"]          # seeded: reproducible


def test_simulate_refuses_incomparable_target_with_reason():
    out = sim("--json", "--target", "oostenbrink2024-atlg-day-below-1")
    js = json.loads(out.stdout)
    assert out.returncode == 0
    assert js["target"]["compared"] is False and js["target"]["refusal"].startswith("measured with Grafalon")
    assert "rabbit-atg-fresenius" not in js["target"]["refusal"]  # words, not identifiers
    out = sim("--population", "50", "--target", "jtct2022-haplo-total-ue")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--target" in out.stderr


def test_soft_range_warns_on_stderr_and_still_succeeds():
    out = run("simulate", "--model", MODEL, "--weight", "150", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h")
    assert out.returncode == 0
    assert out.stderr.startswith("atgdesk: warning: --weight")


@pytest.mark.parametrize("args, arg_named", [
    (["--weight", "700", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h"], "--weight"),
    (["--weight", "-5", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h"], "--weight"),
    (["--weight", "70", "--alc", "-1", "--regimen", "2.5mg/kg@-3/6h"], "--alc"),
    (["--weight", "70", "--regimen", "2.5mg/kg@-3/6h"], "--alc"),
    (["--weight", "70", "--alc", "0", "--regimen", "2.5mg/kg@-3,y/6h"], "--regimen"),
    (["--weight", "70", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h", "--window", "95,60",
      "--population", "10"], "--window"),
    (["--weight", "70", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h", "--population", "10"], "--population"),
    (["--weight", "70", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h", "--target", "nope"], "--target"),
    (["--weight", "abc", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h"], "--weight"),
])
def test_bad_input_gives_one_line_error_naming_the_argument_and_exit_2(args, arg_named):
    out = run("simulate", "--model", MODEL, *args)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert arg_named in out.stderr


def test_unknown_model_and_bad_model_file(tmp_path):
    out = run("simulate", "--model", "nope", "--weight", "70", "--alc", "0", "--regimen", "1mg@-1/4h")
    assert out.returncode == 2 and "--model" in out.stderr and out.stderr.count("\n") == 1
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n")
    out = run("simulate", "--model", str(bad), "--weight", "70", "--alc", "0", "--regimen", "1mg@-1/4h")
    assert out.returncode == 2 and "bad.toml" in out.stderr and out.stderr.count("\n") == 1


def test_window_pta_and_model_by_path():
    path = str(ROOT / "data" / "models" / f"{MODEL}.toml")
    out = run("simulate", "--model", path, "--weight", "70", "--alc", "0.2", "--regimen", "2.5mg/kg@-3,-2/6h,4h",
              "--population", "200", "--window", "30,55", "--json")
    js = json.loads(out.stdout)
    assert out.returncode == 0 and js["population"]["window"] == [30.0, 55.0]


def test_simulate_label_limits_warn_in_json_and_refuse_beyond_hard():
    out = run("simulate", "--model", MODEL, "--weight", "70", "--alc", "0.2", "--regimen", "6mg/kg@-3,-2/6h,4h",
              "--json")
    assert out.returncode == 0, out.stderr
    js = json.loads(out.stdout)
    assert any(w.startswith("Beyond the label: dose per day 6 mg/kg/day on days -3, -2") for w in js["warnings"])
    assert "no labelled maximum dose per day" in js["label_limits"]["not_given_by_any_label"]
    assert "atgdesk: warning: --regimen: Beyond the label" in out.stderr
    out = run("simulate", "--model", MODEL, "--weight", "70", "--alc", "0.2", "--regimen", "2mg/kg@-3,-2/3h,4h")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith("atgdesk: error: --regimen: Refused: first infusion time 3 h on day -3 is below 6 h")
    assert "http://www.Drugs.Com/dosage/thymoglobulin.html" in out.stderr


def test_conflicting_lymphocyte_inputs_are_refused():
    out = sim("--covariate", "alc_per_nl=0.5")  # sim() already gives --alc 0
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert out.stderr.startswith("atgdesk: error: --covariate alc_per_nl: the lymphocyte count is given twice")
    out = sim("--covariate", "weight_kg=80")
    assert out.returncode == 2 and "--covariate weight_kg: the body weight is given by --weight" in out.stderr
    # the count given by name only is used like --alc
    by_name = run("simulate", "--model", MODEL, "--weight", "72", "--covariate", "alc_per_nl=0",
                  "--regimen", "2.5mg/kg@-3,-2/6h,4h", "--json")
    assert by_name.returncode == 0, by_name.stderr
    assert json.loads(by_name.stdout)["metrics"] == json.loads(sim("--json").stdout)["metrics"]


def test_day_below_threshold_is_documented_and_behaves_as_documented():
    help_text = " ".join(run("simulate", "--help").stdout.split())
    assert "the last downward crossing counts" in help_text
    assert "null in --json" in help_text and "still at or above T at the horizon" in help_text
    assert "the end of the last infusion when the level is below T all the time after it" in help_text

    def day(regimen, threshold, horizon="100"):
        out = run("simulate", "--model", MODEL, "--weight", "70", "--alc", "0.2", "--regimen", regimen,
                  "--threshold", threshold, "--horizon", horizon, "--json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["metrics"]["day_below_threshold"]

    # still above at the horizon → null
    assert day("2.5mg/kg@-3,-2/6h,4h", "0.001", "10") is None
    # never above after the last infusion → the end of the last infusion (day -2 + 4 h)
    assert day("2.5mg/kg@-3,-2/6h,4h", "100000") == pytest.approx(-2 + 4 / 24, abs=1e-9)
    # dips below and rises again (a second course on day +20): the last downward crossing, after day 20
    one = day("2.5mg/kg@-3,-2/6h,4h", "5")
    two = day("2.5mg/kg@-3,-2/6h,4h;2.5mg/kg@20/6h", "5")
    assert one is not None and one < 20 < two


def test_a_user_model_is_simulated_by_id_from_the_shared_catalogue(tmp_path):
    import re
    models = tmp_path / "models"
    models.mkdir()
    text = (ROOT / "data" / "models" / f"{MODEL}.toml").read_text(encoding="utf-8")
    (models / "mine.toml").write_text(re.sub(r'(?m)^id = "[^"]+"', 'id = "my-copy"', text, count=1),
                                      encoding="utf-8")
    listed = json.loads(run("models", "--json", home=tmp_path).stdout)
    assert "my-copy" in [m["id"] for m in listed["models"]]
    out = run("simulate", "--model", "my-copy", "--weight", "72", "--alc", "0", "--regimen",
              "2.5mg/kg@-3,-2/6h,4h", "--json", home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["metrics"] == json.loads(sim("--json").stdout)["metrics"]
    out = run("simulate", "--model", "nope", "--weight", "72", "--alc", "0", "--regimen", "2.5mg/kg@-3/6h",
              home=tmp_path)
    assert out.returncode == 2 and "--model: unknown id 'nope'" in out.stderr and "my-copy" in out.stderr
