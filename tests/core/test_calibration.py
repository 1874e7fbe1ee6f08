"""The shipped illustrative model reproduces its calibration targets (tolerances stated in the file)."""

import importlib.util
import math

import pytest
from pk_testmodels import ROOT, SHIPPED

from atgdesk.core.model import individual_parameters, load_model
from atgdesk.core.regimen import parse_regimen_spec
from atgdesk.core.simulate import exposure_aucs

MODEL = load_model(SHIPPED)
TARGETS = {t["id"]: t for t in MODEL.calibration["targets"]}


def _script():
    spec = importlib.util.spec_from_file_location("calibrate_illustrative",
                                                  ROOT / "scripts" / "calibrate_illustrative.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _post(weight, alc, spec="2.5mg/kg@-3,-2/6h,4h"):
    p = individual_parameters(MODEL, {"weight_kg": weight, "alc_per_nl": alc})
    return exposure_aucs(MODEL, p, parse_regimen_spec(spec, weight), 100.0)[1][0]


def test_c2_median_auc_reproduced_independently_of_the_script():
    t = TARGETS["t2"]
    assert t["target"] == 47.0 and t["confidence"] == "ABS"
    assert _post(72.0, 0.0) == pytest.approx(47.0, rel=t["tolerance_relative"])


def test_alc_matters_only_above_about_two_and_weight_raises_exposure():
    ratio = _post(75.0, 2.0) / _post(75.0, 0.2)
    assert ratio == pytest.approx(TARGETS["t4"]["target"], rel=TARGETS["t4"]["tolerance_relative"])
    # C4 directions: under mg/kg dosing AUC rises with weight and falls with lymphocyte count
    assert _post(85.0, 0.2) > _post(65.0, 0.2)
    assert _post(75.0, 5.0) < _post(75.0, 2.0) < _post(75.0, 0.2)


def test_every_target_reproduced_within_its_tolerance_or_documented_miss_holds():
    got = _script().evaluate(MODEL)
    for tid, t in TARGETS.items():
        assert math.isclose(got[tid], t["achieved"], rel_tol=1e-3, abs_tol=1e-3), tid   # file is current
        if t.get("reproduced") is False:
            assert t["not_reproduced"]
            continue
        if "tolerance_absolute" in t:
            assert abs(got[tid] - t["target"]) <= t["tolerance_absolute"], tid
        else:
            assert abs(got[tid] / t["target"] - 1) <= t["tolerance_relative"], tid


def test_model_file_states_its_provenance():
    assert MODEL.status == "illustrative"
    assert MODEL.calibration["script"] == "scripts/calibrate_illustrative.py"
    assert MODEL.calibration["date"]
    assert "inference" in MODEL.source.note
    assert MODEL.calibration["not_calibrated"]
