"""`atgdesk simulate` with a user model at the edge of the engine's validity domain (~4,000 per day, the stiffest
file the validator accepts: seconds of integration) finishes with a clear result and no traceback, in text and
JSON, from the user's models folder too."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.present.test_slow_prediction import write_stiff_model

ROOT = Path(__file__).resolve().parents[2]


def run(home, *args):
    env = dict(os.environ, ATGDESK_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "atgdesk", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_simulate_with_the_stiffest_accepted_model_gives_a_result(tmp_path):
    from atgdesk.core.model import MAX_RATE_PER_DAY, load_model
    path = write_stiff_model(tmp_path / "models", v1=0.0069, model_id="stiff-edge")
    from atgdesk.core import scenario as sc
    model = load_model(path)  # accepted by the validator, with its rates close to the bound
    inputs = sc.ScenarioInputs(weight_kg=70.0, dose_mg_per_kg=2.5, n_days=2, first_day=-3.0)
    assert 0.9 * MAX_RATE_PER_DAY < sc.stiffness(model, inputs) / 103.0 <= MAX_RATE_PER_DAY
    args = ("--weight", "70", "--alc", "0.2", "--regimen", "2.5mg/kg@-3,-2/6h,4h")
    out = run(tmp_path / "home", "simulate", "--model", str(path), *args)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr + out.stdout
    assert "AUC day 0 to 100:" in out.stdout and "AU·day/mL" in out.stdout
    js = run(tmp_path / "home", "simulate", "--model", str(path), *args, "--json")
    assert js.returncode == 0, js.stderr
    data = json.loads(js.stdout)
    assert "Traceback" not in js.stderr
    metrics = json.dumps(data)
    assert "auc_post" in metrics and "NaN" not in metrics and "Infinity" not in metrics
    assert "Patient: this model uses no patient covariates" in out.stdout  # never an empty "Patient:" line
