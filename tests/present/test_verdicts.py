"""The one verdict rule, over every target in data/targets.toml × exposures below / inside / above: the words
and the colour role follow the target's kind (issue 12: a harmful band read as green 'WITHIN')."""

import dataclasses
from pathlib import Path

import pytest

from atgdesk.core.model import load_model
from atgdesk.core.targets import attainment, judge, load_targets
from atgdesk.present import calculator as pres

ROOT = Path(__file__).resolve().parents[2]
TARGETS = load_targets(ROOT / "data" / "targets.toml")
MODEL = load_model(ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml")

# target id → kind read from the source wording (data/targets.toml explains each)
EXPECTED_KIND = {
    "admiraal2017-adult-ud-nma": "aim-window",
    "dekoning2018-cord-cd4": "at-most",
    "lakkaraja2022-cd34-favourable": "at-most",
    "lakkaraja2022-cd34-intermediate": "reference-band",
    "lakkaraja2022-cd34-harmful": "avoid-band",
    "jtct2022-haplo-total-ue": "aim-window",
    "oostenbrink2024-atlg-day-below-1": "at-least",
}

# kind → {position: (words that must appear, role)}
RULES = {
    "aim-window": {"below": ("BELOW TARGET WINDOW", "caution"), "within": ("WITHIN TARGET WINDOW", "ok"),
                   "above": ("ABOVE TARGET WINDOW", "caution")},
    "at-most": {"within": ("BELOW", "ok"), "above": ("ABOVE", "caution")},
    "at-least": {"below": ("BEFORE DAY", "caution"), "within": ("LATER THAN DAY", "ok")},
    "avoid-band": {"below": ("BELOW THE HARMFUL RANGE", "neutral"), "within": ("IN HARMFUL RANGE", "danger")},
    "reference-band": {"below": ("BELOW THIS BAND", "neutral"), "within": ("INSIDE THIS BAND", "neutral"),
                       "above": ("ABOVE THIS BAND", "neutral")},
}


def _probes(t):
    """Exposures below, inside and above the target's bounds (positions that exist for its kind)."""
    lo, hi = t.lower, t.upper
    out = {}
    if lo is not None:
        out["below"] = lo * 0.5
    if lo is not None and hi is not None:
        out["within"] = 0.5 * (lo + hi)
    elif lo is not None:
        out["within"] = lo * 1.5
    else:
        out["within"] = hi * 0.5
    if hi is not None:
        out["above"] = hi * 1.5
    return out


def test_every_target_has_the_kind_its_source_wording_gives():
    assert {t.id: t.kind for t in TARGETS} == EXPECTED_KIND


@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_verdict_words_and_role_for_every_target(target):
    for position, value in _probes(target).items():
        v = judge(target, value)
        words, role = RULES[target.kind][position]
        assert v.position == position
        assert words in v.headline and v.headline in v.text
        assert v.role == role, (target.id, position, v.role)
        assert v.text.startswith("Typical patient: ")
        if target.kind != "aim-window":
            assert "WITHIN" not in v.text  # only an aim window is ever 'within'


def test_the_harmful_band_is_never_within_or_ok_and_its_probability_is_of_harm():
    harmful = next(t for t in TARGETS if t.kind == "avoid-band")
    for value in (0.0, 30.0, 54.99, 55.0, 80.0, 500.0):
        v = judge(harmful, value)
        assert v.role != "ok" and "WITHIN" not in v.text
        if value >= 55.0:
            assert v.headline == "IN HARMFUL RANGE" and v.role == "danger"
    assert "harm" in v.probability
    assert attainment(harmful, [10.0, 60.0, 70.0, 54.0]) == 0.5


def test_strict_bounds_follow_the_source():
    fav = next(t for t in TARGETS if t.id == "lakkaraja2022-cd34-favourable")  # "< 30"
    assert judge(fav, 30.0).role == "caution" and judge(fav, 29.99).role == "ok"
    day = next(t for t in TARGETS if t.id == "oostenbrink2024-atlg-day-below-1")  # "after day 16"
    assert judge(day, 16.0).role == "caution" and judge(day, 16.1).role == "ok"
    # never below the threshold by day 100: later than day 16 (ok); by day 10 it cannot be placed
    assert judge(day, None, horizon_day=100).role == "ok"
    assert judge(day, None, horizon_day=10).position == "unknown"


class _M:
    def __init__(self, auc_post, auc_pre=1.0, threshold=1.0, day=None, horizon=100.0):
        self.auc_post, self.auc_pre, self.auc_total = auc_post, auc_pre, auc_pre + auc_post
        self.threshold, self.day_below_threshold, self.horizon_day = threshold, day, horizon


def test_no_verdict_until_a_setting_is_chosen():
    harmful = next(t for t in TARGETS if t.kind == "avoid-band")
    v = pres.verdict_state(pres.NO_SETTING, harmful, MODEL, _M(80.0))
    assert v.kind == "none" and v.role == "neutral" and "setting" in v.text.lower()
    assert pres.target_options(TARGETS, pres.NO_SETTING, MODEL) == []
    v = pres.verdict_state(harmful.setting, harmful, MODEL, _M(80.0))
    assert v.role == "danger" and "IN HARMFUL RANGE" in v.text


def test_only_the_settings_targets_each_with_its_population_and_reasons_in_words():
    settings = [s for s, _ in pres.setting_options(TARGETS)]
    assert settings[0] == pres.NO_SETTING and len(settings) == len({t.setting for t in TARGETS}) + 1
    for setting in settings[1:]:
        options = pres.target_options(TARGETS, setting, MODEL, lambda k: {"rabbit-atg-fresenius": "Grafalon"}.get(
            k, k))
        assert {o.id for o in options} == {t.id for t in TARGETS if t.setting == setting}
        for o in options:
            t = next(t for t in TARGETS if t.id == o.id)
            assert t.population in o.label
            if not o.comparable:
                assert o.label.startswith("Not comparable") and o.reason
                assert "rabbit-atg-fresenius" not in o.reason and "atg-unspecified" not in o.reason
    # the Grafalon target is offered in its setting, marked, and explained by product name
    day = next(t for t in TARGETS if t.id == "oostenbrink2024-atlg-day-below-1")
    o = pres.target_options(TARGETS, day.setting, MODEL, lambda k: {"rabbit-atg-fresenius": "Grafalon"}.get(k, k))
    assert not o[0].comparable and "Grafalon" in o[0].reason
    v = pres.verdict_state(day.setting, day, MODEL, _M(50.0, day=20.0), lambda k: k)
    assert v.kind == "refused" and "Not compared" in v.text


def test_day_below_threshold_with_another_threshold_is_refused_not_judged():
    day = next(t for t in TARGETS if t.id == "oostenbrink2024-atlg-day-below-1")
    same = dataclasses.replace(day, product=MODEL.product, assay=MODEL.assay,
                               threshold_unit=MODEL.concentration_unit)
    assert pres.verdict_state(day.setting, same, MODEL, _M(50.0, day=20.0)).role == "ok"
    refused = pres.verdict_state(day.setting, same, MODEL, _M(50.0, threshold=2.0, day=20.0))
    assert refused.kind == "refused" and "threshold" in refused.text
