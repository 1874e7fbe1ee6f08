"""What the study view and ``atgdesk show`` present (atgdesk.library.present): provenance of every summary field,
and the library's entry counts (seed studies apart from the dosing & PK references)."""

from __future__ import annotations

import pytest

from atgdesk.library.db import open_bundled
from atgdesk.library.present import entry_counts, origin_tag, show_dict, summary_fields


@pytest.fixture(scope="module")
def bundled(bundled_db):
    with open_bundled(bundled_db) as lib:
        yield lib


def _population(lib, study_id):
    return next(f for f in summary_fields(lib.get(study_id)) if f.key == "population")


@pytest.mark.parametrize("study_id, n", [("teramura2007", 101), ("toor2008", 30), ("muro2005", 268)])
def test_an_n_read_in_a_published_source_names_that_source_not_the_seed(bundled, study_id, n):
    # Bug: the seed gives the population's words, the published part its n; 'n = 101 … [seed]' credited the seed.
    detail = bundled.get(study_id)
    field = _population(bundled, study_id)
    assert field.text.startswith(f"n = {n} — ") and field.origin == "seed"
    assert field.n_origin == "published" and field.n_source_address.startswith("https://")
    tag = origin_tag(field)
    assert tag.startswith(f"n: {field.n_origin_text}: {field.n_source_address}; description: seed"), tag
    population = show_dict(detail, "")["summary"]["population"]
    assert population["n"] == {"value": n, "from": "published", "source_kind": field.n_source_kind,
                               "source_address": field.n_source_address}
    assert population["from"] == "seed"


def test_every_population_n_is_tagged_with_where_it_was_read(bundled):
    checked = 0
    for study_id in bundled.all_ids():
        detail = bundled.get(study_id)
        if not detail.population_n:
            continue
        field = _population(bundled, study_id)
        n_from = detail.provenance["population_n"]
        shown = show_dict(detail, "")["summary"]["population"]["n"]
        assert (shown["from"], shown["source_address"]) == (n_from["from"], n_from["source_address"]), study_id
        if n_from["from"] == "published":
            assert n_from["source_address"] in origin_tag(field), study_id
        checked += 1
    assert checked >= 3


def test_an_n_and_text_from_the_same_place_carry_one_tag(library):
    # atta2010 (fixture): n from the publisher page, no population text: one tag, the page's
    field = _population(library, "atta2010")
    assert field.text == "n = 71" and not field.n_origin
    assert origin_tag(field) == "publisher page: https://link.springer.com/article/10.1007/s00277-010-0944-y"


def test_entry_counts_keep_the_seed_studies_apart_from_the_references(bundled, library):
    studies, references = entry_counts(bundled.meta)
    assert (studies, references) == (67, bundled.meta.reference_count) and references > 0
    assert studies + references == bundled.meta.study_count
    assert entry_counts(library.meta) == (6, 0)
