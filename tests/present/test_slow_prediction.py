"""A slow (stiff user) model's prediction: the presenter says "computing" at once instead of running it, the job
it hands out gives exactly the synchronous state, and a stale answer (inputs or model changed since) is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from atgdesk.core import scenario as sc
from atgdesk.present.calculator import CalculatorPresenter
from atgdesk.present.catalogue import load_catalogue
from tests.core.pk_testmodels import model_dict, to_toml

ROOT = Path(__file__).resolve().parents[2]


def write_stiff_model(folder: Path, v1: float = 0.05, model_id: str = "stiff-user-model") -> Path:
    """A valid user model file that the validator accepts but that takes ~0.3 s to simulate (rate ~540/day)."""
    d = model_dict(elimination="linear+mm", distribution="saturable")
    d["id"], d["name"] = model_id, "Stiff user model"
    d["covariate_effects"] = []
    for spec in d["parameters"].values():
        spec.pop("omega_variance", None)
        spec.pop("cv", None)
    d["parameters"]["v1"]["value"] = v1
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model_id}.toml"
    path.write_text(to_toml(d), encoding="utf-8")
    return path


@pytest.fixture
def presenter(tmp_path):
    write_stiff_model(tmp_path / "models")
    catalogue = load_catalogue([ROOT / "data" / "models", tmp_path / "models"], ROOT / "data")
    assert not catalogue.model_errors
    p = CalculatorPresenter(catalogue)
    p.select_model("stiff-user-model")
    p.inputs = p.inputs.with_(setting=next(t.setting for t in catalogue.targets))
    return p


def test_a_slow_prediction_is_computing_at_once_and_never_shows_the_previous_verdict(presenter):
    first = presenter.recompute(background=False)  # a finished prediction for the first inputs
    assert first.metrics and not first.computing
    presenter.inputs = presenter.inputs.with_(dose_mg_per_kg=4.0)
    state = presenter.recompute(background=True)
    assert state.computing and presenter.computing and presenter.result is None
    assert state.verdict.kind == "computing" and state.verdict.role == "neutral"
    assert "Computing" in state.verdict.text and state.metrics == () and state.error == ""
    assert state.dose.rows  # the dose arithmetic is exact and immediate
    job = presenter.pending_evaluation
    done = presenter.evaluation_done(job.generation, job.run())
    assert done is not None and not done.computing and not presenter.computing
    sync = CalculatorPresenter(presenter.catalogue)
    sync.select_model("stiff-user-model")
    sync.inputs = presenter.inputs
    expected = sync.recompute()
    assert done.metrics == expected.metrics and done.verdict == expected.verdict
    assert done.warnings == expected.warnings and done.dose == expected.dose


def test_a_stale_answer_is_dropped(presenter):
    presenter.recompute(background=True)
    old = presenter.pending_evaluation
    old_result = old.run()
    presenter.inputs = presenter.inputs.with_(weight_kg=80.0)
    presenter.recompute(background=True)
    new = presenter.pending_evaluation
    assert new.generation != old.generation
    assert presenter.evaluation_done(old.generation, old_result) is None  # the earlier generation's answer
    assert presenter.computing and presenter.result is None
    # inputs changed without a recompute: the answer is for other inputs, so it is not shown either
    presenter.inputs = presenter.inputs.with_(weight_kg=90.0)
    assert presenter.evaluation_done(new.generation, new.run()) is None


def test_a_fast_recompute_makes_a_running_slow_answer_stale(presenter):
    presenter.recompute(background=True)
    job = presenter.pending_evaluation
    presenter.select_model("illustrative-rabbit-atg-active")
    state = presenter.recompute(background=True)
    assert not state.computing and state.metrics
    assert presenter.evaluation_done(job.generation, job.run()) is None
    assert presenter.state is state


def test_a_failed_background_prediction_says_why(presenter):
    presenter.recompute(background=True)
    job = presenter.pending_evaluation
    state = presenter.evaluation_done(job.generation, None, "weight_kg: outside the model's range")
    assert state is not None and state.verdict.kind == "refused"
    assert "No prediction: weight_kg: outside the model's range" in state.error


def test_the_command_line_and_bundled_models_stay_synchronous(presenter):
    assert not presenter.recompute().computing  # background not asked for: the engine runs at once
    presenter.select_model("illustrative-rabbit-atg-active")
    assert not presenter.recompute(background=True).computing
    assert sc.evaluate(presenter.model, presenter.inputs).metrics.auc_post > 0
