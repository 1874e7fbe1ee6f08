import copy
import math

import numpy as np
import pytest
from pk_testmodels import SHIPPED, model_dict, to_toml

from atgdesk.core.model import (
    ModelFileError,
    check_covariates,
    find_model,
    individual_parameters,
    list_models,
    load_model,
    parse_model,
)


def test_shipped_model_loads_with_status_label_and_calibration():
    m = load_model(SHIPPED)
    assert m.status == "illustrative"
    assert m.label.startswith("Illustrative model — calibrated to published summary figures")
    assert m.compartments == 2 and m.elimination == "linear+mm"
    assert {t["id"] for t in m.calibration["targets"]} == {"t1", "t2", "t3", "t4", "t5"}
    assert all(t["source"] and t["confidence"] for t in m.calibration["targets"])
    assert m.auc_unit == "AU·day/mL"


def test_written_fixture_round_trips_through_a_file(tmp_path):
    f = tmp_path / "m.toml"
    f.write_text(to_toml(model_dict(elimination="linear+mm", distribution="saturable")))
    m = load_model(f)
    assert set(m.parameter_names) == {"cl", "v1", "q", "v2", "vmax", "km", "tm", "kmd"}
    assert m.eta_names == ("cl", "v1")
    assert m.omega2[0] == pytest.approx(math.log1p(0.4**2))
    assert m.omega2[1] == pytest.approx(0.04)


def test_loader_keeps_parameter_and_covariate_notes(tmp_path):
    d = model_dict()
    d["parameters"]["cl"]["note"] = "calibrated (C1 half-life)"
    d["covariate_effects"][1]["note"] = "allometric convention"
    f = tmp_path / "m.toml"
    f.write_text(to_toml(d))
    m = load_model(f)
    assert m.parameter("cl").note == "calibrated (C1 half-life)"
    assert m.parameter("v1").note == ""  # optional
    assert [e.note for e in m.covariate_effects] == ["", "allometric convention", ""]
    assert m.with_parameters(cl=4.0).parameter("cl").note == "calibrated (C1 half-life)"


def test_shipped_model_notes_are_the_files_text():
    import tomllib
    raw = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    m = load_model(SHIPPED)
    assert [p.note for p in m.parameters] == [raw["parameters"][p.name].get("note", "") for p in m.parameters]
    assert [e.note for e in m.covariate_effects] == [e.get("note", "") for e in raw["covariate_effects"]]
    assert m.parameter("q").note.startswith("fixed assumption")
    assert m.residual_note == raw["residual_error"]["note"] != ""


@pytest.mark.parametrize("path, field", [(("parameters", "cl", "note"), "parameters.cl.note"),
                                         (("covariate_effects", 0, "note"), "covariate_effects[0].note"),
                                         (("residual_error", "note"), "residual_error.note")])
@pytest.mark.parametrize("value", [3, 1.5, True, [1.0, 2.0], {"text": "x"}])
def test_loader_refuses_a_note_that_is_not_text_naming_the_field(tmp_path, path, field, value):
    f = tmp_path / "bad.toml"
    f.write_text(to_toml(_mutate(path, value)))
    with pytest.raises(ModelFileError) as exc:
        load_model(f)
    assert str(exc.value).startswith(f"{f}: {field}: must be a string"), str(exc.value)


def _mutate(path, value):
    d = model_dict(elimination="linear+mm")
    node = d
    for k in path[:-1]:
        node = node[k]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return d


_DELETE = object()

MALFORMED = [
    (("schema_version",), 2, "schema_version"),
    (("id",), _DELETE, "id"),
    (("id",), "bad id!", "id"),
    (("analyte",), "free", "analyte"),
    (("status",), "approved", "status"),
    (("units", "dose"), "mL", "units.dose"),
    (("units", "time"), "hour", "units.time"),
    (("units", "concentration"), "AU/L", "units.concentration"),
    (("units", "amount_to_concentration"), 0.0, "units.amount_to_concentration"),
    (("structure", "compartments"), 3, "structure.compartments"),
    (("structure", "elimination"), "exponential", "structure.elimination"),
    (("parameters", "cl", "value"), -3.0, "parameters.cl.value"),
    (("parameters", "cl", "value"), "3", "parameters.cl.value"),
    (("parameters", "cl", "unit"), "L/h", "parameters.cl.unit"),
    (("parameters", "km", "unit"), "mg/L", "parameters.km.unit"),
    (("parameters", "v2"), _DELETE, "parameters.v2"),
    (("parameters", "tm"), {"value": 1.0, "unit": "mg/day"}, "parameters.tm"),
    (("parameters", "cl", "cv"), 9.0, "parameters.cl.cv"),
    (("parameters", "v1", "cv"), 0.2, "parameters.v1.cv"),          # both cv and omega_variance
    (("covariates", "weight_kg", "soft"), [0.5, 400.0], "covariates.weight_kg.soft"),
    (("covariates", "weight_kg", "hard"), [10.0], "covariates.weight_kg.hard"),
    (("covariate_effects", 0, "form"), "sigmoid", "covariate_effects[0].form"),
    (("covariate_effects", 0, "covariate"), "age", "covariate_effects[0].covariate"),
    (("covariate_effects", 2, "slope"), -1.0, "covariate_effects[2].slope"),   # factor ≤ 0 inside hard range
    (("residual_error", "proportional"), -0.1, "residual_error.proportional"),
    (("code",), "import os", "code"),
    (("source", "citation"), "", "source.citation"),
]


@pytest.mark.parametrize("path, value, field", MALFORMED, ids=[m[2] + "-" + str(i) for i, m in enumerate(MALFORMED)])
def test_loader_rejects_malformed_file_naming_file_and_field(tmp_path, path, value, field):
    f = tmp_path / "bad.toml"
    f.write_text(to_toml(_mutate(path, value)))
    with pytest.raises(ModelFileError) as exc:
        load_model(f)
    msg = str(exc.value)
    assert str(f) in msg and field in msg, msg


def test_loader_rejects_syntax_errors_and_unreadable_files(tmp_path):
    f = tmp_path / "syntax.toml"
    f.write_text("schema_version = = 1\n")
    with pytest.raises(ModelFileError, match="TOML syntax"):
        load_model(f)
    with pytest.raises(ModelFileError, match="cannot read"):
        load_model(tmp_path / "missing.toml")


def test_verified_model_needs_a_verifier_and_illustrative_needs_calibration():
    d = model_dict()
    d["status"] = "verified"
    with pytest.raises(ModelFileError, match="source.verified_by"):
        parse_model(d, "v.toml")
    d = model_dict()
    d["status"] = "illustrative"
    d["label"] = "Illustrative"
    with pytest.raises(ModelFileError, match="calibration"):
        parse_model(d, "i.toml")


def test_list_models_skips_bad_files_and_duplicate_ids(tmp_path):
    (tmp_path / "a.toml").write_text(to_toml(model_dict()))
    dup = model_dict()
    (tmp_path / "b.toml").write_text(to_toml(dup))
    (tmp_path / "c.toml").write_text("not toml [")
    other = model_dict()
    other["id"] = "other"
    (tmp_path / "d.toml").write_text(to_toml(other))
    models, errors = list_models(tmp_path)
    assert [m.id for m in models] == ["other", "test-model"]
    assert len(errors) == 2
    assert any("already used" in e for _, e in errors) and any("TOML syntax" in e for _, e in errors)
    assert find_model("other", [tmp_path]).id == "other"
    with pytest.raises(ValueError, match="model: unknown id"):
        find_model("nope", [tmp_path])


def test_individual_parameters_apply_each_covariate_form_vectorised():
    d = model_dict()
    d["covariate_effects"].append({"parameter": "q", "covariate": "alc_per_nl", "form": "exponential",
                                   "reference": 1.0, "coefficient": 0.02})
    m = parse_model(d, "t.toml")
    w = np.array([35.0, 70.0, 140.0])
    alc = np.array([0.0, 1.0, 2.0])
    p = individual_parameters(m, {"weight_kg": w, "alc_per_nl": alc})
    np.testing.assert_allclose(p["cl"], 3.0 * (w / 70) ** 0.75 * (1 + 0.1 * alc))
    np.testing.assert_allclose(p["v1"], 20.0 * w / 70)
    np.testing.assert_allclose(p["q"], 10.0 * np.exp(0.02 * (alc - 1.0)))
    np.testing.assert_allclose(p["v2"], [15.0] * 3)
    eta = np.array([[0.1, -0.2], [0.0, 0.0], [-0.3, 0.1]])
    pe = individual_parameters(m, {"weight_kg": w, "alc_per_nl": alc}, eta)
    np.testing.assert_allclose(pe["cl"], p["cl"] * np.exp(eta[:, 0]))
    np.testing.assert_allclose(pe["v1"], p["v1"] * np.exp(eta[:, 1]))


def test_covariate_checks_warn_soft_and_refuse_hard_naming_the_covariate():
    m = parse_model(model_dict(), "t.toml")
    assert check_covariates(m, {"weight_kg": 70, "alc_per_nl": 0.2}) == []
    w = check_covariates(m, {"weight_kg": 200, "alc_per_nl": 0.2})
    assert len(w) == 1 and w[0].startswith("weight_kg")
    with pytest.raises(ValueError, match="^weight_kg: 400"):
        check_covariates(m, {"weight_kg": 400, "alc_per_nl": 0.2})
    with pytest.raises(ValueError, match="^alc_per_nl: covariate missing"):
        individual_parameters(m, {"weight_kg": 70})
    with pytest.raises(ValueError, match="^alc_per_nl: must be finite"):
        individual_parameters(m, {"weight_kg": 70, "alc_per_nl": math.nan})
    with pytest.raises(ValueError, match="eta"):
        individual_parameters(m, {"weight_kg": 70, "alc_per_nl": 0.2}, np.zeros((2, 3)))


def test_with_parameters_replaces_values_and_validates():
    m = parse_model(model_dict(), "t.toml")
    m2 = m.with_parameters(cl=5.0)
    assert m2.parameter("cl").value == 5.0 and m.parameter("cl").value == 3.0
    with pytest.raises(ValueError, match="parameters.cl"):
        m.with_parameters(cl=-1.0)
    with pytest.raises(ValueError, match="unknown"):
        copy.copy(m).with_parameters(zz=1.0)


def test_the_documented_example_model_is_valid():
    import re
    import tomllib

    from pk_testmodels import ROOT
    text = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    m = parse_model(tomllib.loads(block), "docs/model-format.md")
    assert m.distribution == "saturable" and m.elimination == "linear+mm"


# -- validity domain of the engine; files that are not files (issue 13) --------------------------------------
@pytest.mark.parametrize("elimination, parameter, value, named", [
    ("linear+mm", "km", 1e-9, "parameters.km"),      # gave negative AUCs
    ("linear", "v1", 1e-6, "parameters.v1"),          # "ODE integration did not finish"
    ("mm", "vmax", 1e7, "parameters.vmax"),
    ("linear", "q", 1e6, "parameters.q"),
])
def test_model_outside_the_engines_validity_domain_is_refused_naming_the_parameter(elimination, parameter, value,
                                                                                  named):
    d = model_dict(elimination=elimination)
    d["parameters"][parameter]["value"] = value
    with pytest.raises(ModelFileError, match=rf"t\.toml: '[^']*{named}[^']*': give .* per day") as err:
        parse_model(d, "t.toml")
    assert "validity domain" in str(err.value)


def test_every_model_the_loader_accepts_simulates_to_finite_non_negative_exposure():
    """At the corners of the validity domain the engine finishes and exposure is never negative."""
    from pk_testmodels import make_model

    from atgdesk.core.regimen import parse_regimen_spec
    from atgdesk.core.simulate import simulate_patient
    for kw in ({"elimination": "linear"}, {"elimination": "linear+mm"}, {"elimination": "mm"},
               {"elimination": "linear+mm", "distribution": "saturable"}):
        m = make_model(**kw)
        for weight in (m.domain("weight_kg").hard_min, m.domain("weight_kg").hard_max):
            cov = {"weight_kg": weight, "alc_per_nl": m.domain("alc_per_nl").hard_max}
            regimen = parse_regimen_spec("2.5mg/kg@-3,-2/6h", weight)
            conc = simulate_patient(m, cov, regimen, np.linspace(-4.0, 100.0, 400))
            assert np.all(np.isfinite(conc)) and np.all(conc >= 0), (kw, weight)


def test_model_files_that_are_not_regular_files_are_refused_quickly(tmp_path):
    import os
    (tmp_path / "good.toml").write_text(to_toml(model_dict()), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "device.toml").symlink_to("/dev/zero")
    with open(tmp_path / "sparse.toml", "wb") as handle:
        handle.truncate(4 * 1024 ** 3)
    (tmp_path / "deep.toml").write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    models, errors = list_models(tmp_path)
    assert [m.id for m in models] == [model_dict()["id"]]
    reasons = dict(errors)
    assert "a pipe" in reasons[str(tmp_path / "pipe.toml")]
    assert "a device" in reasons[str(tmp_path / "device.toml")]
    assert "larger than" in reasons[str(tmp_path / "sparse.toml")]
    assert "nested too deeply" in reasons[str(tmp_path / "deep.toml")]


def test_one_model_file_failing_unexpectedly_never_hides_the_others(tmp_path, monkeypatch):
    import atgdesk.core.model as model_module
    good = model_dict()
    bad = model_dict()
    bad["id"] = "bad-one"
    (tmp_path / "a-bad.toml").write_text(to_toml(bad), encoding="utf-8")
    (tmp_path / "b-good.toml").write_text(to_toml(good), encoding="utf-8")
    real = model_module.parse_model

    def flaky(data, file="<model>"):
        if data.get("id") == "bad-one":
            raise TypeError("something the validator did not foresee")
        return real(data, file)

    monkeypatch.setattr(model_module, "parse_model", flaky)
    models, errors = list_models(tmp_path)
    assert [m.id for m in models] == [good["id"]]
    assert errors == [(str(tmp_path / "a-bad.toml"),
                       f"{tmp_path / 'a-bad.toml'}: cannot be used (TypeError: something the validator did not "
                       "foresee)")]


def _stiff_model(v1: float) -> dict:
    """The 2-compartment linear+MM test model with no covariates or variability, made faster by a smaller V1."""
    d = model_dict(elimination="linear+mm")
    d["covariate_effects"] = []
    for spec in d["parameters"].values():
        spec.pop("omega_variance", None)
        spec.pop("cv", None)
    d["parameters"]["v1"]["value"] = v1
    return d


def test_a_model_at_the_edge_of_the_validity_domain_integrates_and_one_past_it_is_refused():
    from atgdesk.core.model import MAX_RATE_PER_DAY
    from atgdesk.core.regimen import parse_regimen_spec
    from atgdesk.core.simulate import simulate_patient
    p = {k: v["value"] for k, v in _stiff_model(1.0)["parameters"].items()}
    per_inverse_v1 = p["cl"] + p["q"] + p["vmax"] / p["km"]  # rates x V1 (the return rate Q/V2 stays put)
    edge = per_inverse_v1 / (MAX_RATE_PER_DAY - p["q"] / p["v2"])
    m = parse_model(_stiff_model(edge * 1.01), "t.toml")
    conc = simulate_patient(m, {"weight_kg": 70.0, "alc_per_nl": 0.2}, parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70),
                            np.linspace(-4.0, 100.0, 300))
    assert np.all(np.isfinite(conc)) and np.all(conc >= 0) and conc.max() > 0
    with pytest.raises(ModelFileError, match="validity domain"):
        parse_model(_stiff_model(edge * 0.99), "t.toml")



def test_the_bundled_model_is_inside_the_rate_bound_and_close_to_the_lowest_bound_it_allows(monkeypatch):
    """The bundled model's most extreme corner (~1,530 per day) is inside the validity domain, and a bound below
    1,500 per day would refuse it: lowering the bound cannot bring the corners' simulation time to what a slider
    needs (time grows with the rate; ~100 ms is about 120 per day), as the comment on MAX_RATE_PER_DAY records."""
    import atgdesk.core.model as model_module
    from atgdesk.core.model import MAX_RATE_PER_DAY, load_model
    assert MAX_RATE_PER_DAY >= 1600.0
    assert load_model(SHIPPED).id == "illustrative-rabbit-atg-active"
    monkeypatch.setattr(model_module, "MAX_RATE_PER_DAY", 1500.0)
    with pytest.raises(ModelFileError, match=r"validity domain is at most 1500 per day"):
        load_model(SHIPPED)
