import dataclasses

import pytest
from pk_testmodels import ROOT, SHIPPED

from atgdesk.core.model import load_model
from atgdesk.core.targets import (
    TargetFileError,
    TargetMismatchError,
    comparability,
    compare,
    find_target,
    load_targets,
    parse_targets,
)

TARGETS = load_targets(ROOT / "data" / "targets.toml")
MODEL = load_model(SHIPPED)


def test_windows_from_the_evidence_base_each_with_a_source():
    ids = {t.id for t in TARGETS}
    assert {"admiraal2017-adult-ud-nma", "dekoning2018-cord-cd4", "lakkaraja2022-cd34-harmful",
            "oostenbrink2024-atlg-day-below-1", "jtct2022-haplo-total-ue"} <= ids
    for t in TARGETS:
        assert t.citation and t.confidence in ("ABS", "SEC", "TABLE", "LABEL")
    w = find_target(TARGETS, "admiraal2017-adult-ud-nma")
    assert (w.lower, w.upper, w.midpoint) == (60.0, 95.0, 77.5)


def test_verdicts_below_within_above():
    w = find_target(TARGETS, "admiraal2017-adult-ud-nma")
    assert compare(w, MODEL, 47.0).position == "below"
    assert compare(w, MODEL, 75.0).position == "within"
    assert compare(w, MODEL, 120.0).position == "above"
    open_upper = find_target(TARGETS, "dekoning2018-cord-cd4")
    assert compare(open_upper, MODEL, 5.0).position == "within"


@pytest.mark.parametrize("target_id, reason", [
    ("jtct2022-haplo-total-ue", "product"),
    ("oostenbrink2024-atlg-day-below-1", "product"),
])
def test_comparison_refused_across_products(target_id, reason):
    t = find_target(TARGETS, target_id)
    ok, why = comparability(t, MODEL)
    assert not ok and why.startswith(reason)
    with pytest.raises(TargetMismatchError, match=reason):
        compare(t, MODEL, 50.0)


def test_comparison_refused_across_units_assays_and_analytes():
    w = find_target(TARGETS, "admiraal2017-adult-ud-nma")
    for change, reason in [({"unit": "ug·day/mL"}, "unit"), ({"assay": "total rabbit IgG"}, "assay"),
                           ({"analyte": "total"}, "analyte")]:
        t = dataclasses.replace(w, **change)
        with pytest.raises(TargetMismatchError, match=reason):
            compare(t, MODEL, 50.0)


def test_targets_file_errors_name_file_and_field(tmp_path):
    with pytest.raises(TargetFileError, match="t.toml: targets\\[0\\].metric"):
        parse_targets({"schema_version": 1, "targets": [{"id": "x", "metric": "cmax"}]}, "t.toml")
    f = tmp_path / "t.toml"
    f.write_text("schema_version = 1\n[[targets]]\nid = 'a'\nmetric = 'auc_post'\nlower = 5\nupper = 1\n")
    with pytest.raises(TargetFileError, match="upper"):
        load_targets(f)


def test_kind_must_match_the_bounds():
    base = {"id": "x", "setting": "s", "population": "p", "metric": "auc_post", "unit": "u", "assay": "a",
            "analyte": "active", "product": "p", "outcome": "o", "bounds_text": "b",
            "source": {"citation": "c", "confidence": "ABS"}}
    for kind, bounds in (("aim-window", {"lower": 1.0}), ("at-most", {"lower": 1.0}),
                         ("at-least", {"upper": 1.0}), ("aim", {"lower": 1.0, "upper": 2.0})):
        with pytest.raises(TargetFileError, match="kind"):
            parse_targets({"schema_version": 1, "targets": [{**base, "kind": kind, **bounds}]}, "t.toml")
    with pytest.raises(TargetFileError, match="upper_inclusive"):
        parse_targets({"schema_version": 1, "targets": [{**base, "kind": "at-most", "upper": 1.0,
                                                         "upper_inclusive": "no"}]}, "t.toml")
