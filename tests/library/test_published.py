"""The published-results layer: validation of [[sources]]/[published], storage as sources and facts with their
source kind/address/status, effective structured fields with provenance, "not stated" as a counted facet value,
and the dosing & PK references behind the calculator."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from atgdesk.builder.build import build_database
from atgdesk.builder.sources import DataError
from atgdesk.library.db import open_bundled
from atgdesk.library.records import SearchFilters
from atgdesk.library.search import NOT_STATED

from .conftest import FIXTURE_IDS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
VOCAB_FIELDS = (("design", "design"), ("species", "species"), ("settings", "setting"), ("products", "product"),
                ("evidence_level", "evidence_level"))


def _problems(data_dir, tmp_path):
    with pytest.raises(DataError) as info:
        build_database(data_dir, tmp_path / "out.sqlite")
    return info.value.problems


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# -- validation ----------------------------------------------------------------------------------------------

def test_a_fact_must_name_a_source_of_its_file(data_copy, tmp_path):
    path = data_copy / "studies" / "atta2010.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'harms = [ { text = "Rabbit ATG was associated with marked, prolonged lymphopenia compared with horse ATG.", '
        'source = "abstract" } ]',
        'harms = [ { text = "Rabbit ATG was associated with marked lymphopenia.", source = "pubmed" } ]'),
        encoding="utf-8")
    assert _problems(data_copy, tmp_path) == [
        "data/studies/atta2010.toml: published.harms[0].source: no [[sources]] entry has key 'pubmed'"]


def test_published_vocabulary_keys_kinds_and_statuses_are_checked(data_copy, tmp_path):
    path = data_copy / "studies" / "atta2010.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('kind = "publisher-page"', 'kind = "blog"').replace('status = "read"', 'status = "skimmed"')
    path.write_text(text, encoding="utf-8")
    problems = _problems(data_copy, tmp_path)
    assert any("sources[0].kind: 'blog' is not one of" in p for p in problems), problems
    assert any("sources[0].status: 'skimmed' is not one of" in p for p in problems), problems
    path.write_text(text.replace('kind = "blog"', 'kind = "publisher-page"').replace(
        'status = "skimmed"', 'status = "read"').replace(
        "[published]\n", '[published]\ndesign = { value = "guess", source = "abstract" }\n'), encoding="utf-8")
    assert _problems(data_copy, tmp_path) == [
        "data/studies/atta2010.toml: published.design.value: unknown key 'guess' (not in vocab.toml [design])"]


def test_not_found_carries_no_facts_and_says_what_was_searched(data_copy, tmp_path):
    path = data_copy / "studies" / "ayuk2005.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'searched = "fixture: pages and docs corpora for the title and first author"', 'searched = ""') +
        'take_home = { text = "x", source = "abstract" }\n', encoding="utf-8")
    problems = _problems(data_copy, tmp_path)
    assert "data/studies/ayuk2005.toml: published: availability is 'not-found' but facts are given " \
           "(published.take_home)" in problems
    assert "data/studies/ayuk2005.toml: published.searched: say what was searched when availability is " \
           "'not-found'" in problems


def test_an_evidence_level_needs_a_stated_design(data_copy, tmp_path):
    path = data_copy / "studies" / "atta2010.toml"
    text = path.read_text(encoding="utf-8").replace('design = "retrospective"', 'design = ""').replace(
        'evidence_level = "4"', 'evidence_level = ""')
    path.write_text(text.replace("[published]\n", '[published]\nevidence_level = { value = "4", source = "abstract" }\n'),
                    encoding="utf-8")
    assert _problems(data_copy, tmp_path) == [
        "data/studies/atta2010.toml: published.evidence_level: given without a stated design (neither the seed "
        "nor [published] states one)"]


def test_a_file_without_the_new_parts_still_builds(data_copy, tmp_path):
    path = data_copy / "studies" / "atta2010.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("# Published results")], encoding="utf-8")
    build_database(data_copy, tmp_path / "out.sqlite")
    with open_bundled(tmp_path / "out.sqlite") as lib:
        detail = lib.get("atta2010")
        assert detail.sources == () and detail.availability == "" and detail.population_n == 0


# -- storage -------------------------------------------------------------------------------------------------

def test_sources_and_facts_are_stored_with_kind_address_and_status(library):
    detail = library.get("atta2010")
    (source,) = detail.sources
    assert (source.kind, source.status) == ("publisher-page", "read")
    assert source.address == "https://link.springer.com/article/10.1007/s00277-010-0944-y"
    sections = [f.section for f in detail.facts]
    assert sections == ["primary_outcome", "result", "result", "harm", "take_home"]
    for fact in detail.facts:
        assert (fact.source_kind, fact.source_address, fact.source_status) == (
            "publisher-page", source.address, "read")
    # The seed's key findings are facts of source kind "seed", with the seed document as their address.
    ayuk = library.get("ayuk2005")
    (seed_fact,) = ayuk.facts
    assert (seed_fact.section, seed_fact.source_kind, seed_fact.source_status) == ("finding", "seed", "seed")
    assert seed_fact.source_address.startswith("data/sources/seeds/")
    assert (ayuk.availability, ayuk.searched) == ("not-found", "fixture: pages and docs corpora for the title "
                                                                "and first author")


def test_published_text_is_searchable(library):
    assert [r.id for r in library.search("lymphopenia")] == ["atta2010"]
    assert [r.id for r in library.search('"55.4%"')] == ["atta2010"]


def test_a_seed_value_wins_and_a_published_value_fills_a_gap_with_its_source(library):
    detail = library.get("atta2010")
    assert detail.provenance["design"]["from"] == "seed"  # the seed states it: kept
    assert detail.population_n == 71  # the seed gives no n: the abstract's, with its source
    assert detail.provenance["population_n"] == {
        "from": "published", "source_key": "abstract", "source_kind": "publisher-page",
        "source_address": "https://link.springer.com/article/10.1007/s00277-010-0944-y", "source_status": "read"}
    assert library.get("deeks2009").provenance["registration"]["from"] == ""  # nobody states it


# -- "not stated" ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, filters", [("", SearchFilters()), ("ATG", SearchFilters()),
                                            ("", SearchFilters(year_min=2009)),
                                            ("", SearchFilters(designs=("rct",)))])
def test_not_stated_counts_make_every_facet_add_up(library, query, filters):
    """Single-valued facets add up to the hits; in the multi-valued ones every hit has a value or 'not stated'."""
    from atgdesk.library.search import without_facet
    facets = library.facets(query, filters)
    for facet in ("design", "evidence_level", "species", "setting", "product"):
        hits = library.search(query, without_facet(filters, facet))
        counts = {c.key: c.count for c in facets[facet]}
        if facet in ("design", "evidence_level"):
            assert sum(counts.values()) == len(hits), facet
        else:
            field = {"species": "species", "setting": "settings", "product": "products"}[facet]
            assert counts.get(NOT_STATED, 0) == sum(1 for h in hits if not getattr(h, field)), facet
            assert sum(counts.values()) >= len(hits)


def test_filtering_by_not_stated_finds_exactly_the_studies_without_a_value(data_copy, tmp_path):
    path = data_copy / "studies" / "atta2010.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('design = "retrospective"', 'design = ""').replace(
        'evidence_level = "4"', 'evidence_level = ""').replace(
        'products = ["horse-atgam", "rabbit-thymoglobulin"]', "products = []"), encoding="utf-8")
    build_database(data_copy, tmp_path / "out.sqlite")
    with open_bundled(tmp_path / "out.sqlite") as library:
        everything = library.search("")
        for facet, field, attr in (("design", "designs", "design"), ("product", "products", "products"),
                                   ("evidence_level", "evidence_levels", "evidence_level")):
            found = {r.id for r in library.search("", SearchFilters(**{field: (NOT_STATED,)}))}
            assert found == {r.id for r in everything if not getattr(r, attr)} == {"atta2010"}, facet
            assert {c.key: c.count for c in library.facets()[facet]}[NOT_STATED] == 1
        # not stated OR a key: both sets
        both = {r.id for r in library.search("", SearchFilters(designs=(NOT_STATED, "rct")))}
        assert both == {r.id for r in everything if r.design in ("", "rct")} and len(both) >= 2


# -- the bundled data ------------------------------------------------------------------------------------------

def _study_files():
    return sorted((DATA / "studies").glob("*.toml"))


@pytest.mark.parametrize("path", _study_files(), ids=lambda p: p.stem)
def test_every_non_seed_finding_has_a_source_address_and_kind(path):
    study = tomllib.loads(path.read_text(encoding="utf-8"))
    sources = {s["key"]: s for s in study.get("sources", [])}
    for source in sources.values():
        assert source["address"].startswith(("http://", "https://")), source
        assert source["kind"] in ("published-abstract", "registry", "publisher-page"), source
    published = study.get("published", {})
    facts = [v for k, v in published.items() if isinstance(v, dict)]
    facts += [item for k in ("results", "harms") for item in published.get(k, [])]
    for fact in facts:
        assert fact["source"] in sources, (path.name, fact)


@pytest.mark.parametrize("path", _study_files(), ids=lambda p: p.stem)
def test_no_structured_field_without_a_statement_behind_it(path):
    """A structured field is empty unless the seed states it (the seed-derived [summary] is the curators'
    reading of the seed, checked by the audit) or a [published] fact with a read source does; an evidence level
    needs a stated design, and a 'none' product needs a summary saying the study is not about ATG."""
    study = tomllib.loads(path.read_text(encoding="utf-8"))
    summary = study["summary"]
    published = study.get("published", {})
    sources = {s["key"] for s in study.get("sources", [])}
    for field, _facet in VOCAB_FIELDS:
        if field in published:
            assert published[field]["source"] in sources, (path.name, field)
    design = summary["design"] or published.get("design", {}).get("value", "")
    evidence = summary["evidence_level"] or published.get("evidence_level", {}).get("value", "")
    assert not evidence or design, f"{path.name}: evidence level without a stated design"
    if summary["evidence_level"]:
        assert summary["design"], f"{path.name}: seed evidence level without a seed design"


def test_every_calculator_citation_is_a_library_entry():
    from atgdesk.builder.references import calculator_citations, unmatched_citations
    assert calculator_citations(DATA), "the calculator's data cite nothing: the test would pass vacuously"
    assert unmatched_citations(DATA) == []


def test_references_are_apart_from_the_seed_studies_and_list_what_the_calculator_takes(bundled_db):
    with open_bundled(bundled_db) as lib:
        refs = lib.search("", SearchFilters(kinds=("dosing-reference",)))
        studies = lib.search("", SearchFilters(kinds=("study",)))
        assert len(studies) == 67 and refs and all(r.id.startswith(("ref-", "label-")) for r in refs)
        assert lib.meta.reference_count == len(refs) and lib.meta.study_count == 67 + len(refs)
        assert lib.all_ids()[:67] == [r.id for r in studies]  # seed studies first, references after
        lakkaraja = lib.get("ref-lakkaraja2022")
        assert lakkaraja.record.is_reference and lakkaraja.record.title == ""  # not read: not invented
        assert any(u.file == "targets.toml" and "lakkaraja2022-cd34-harmful" in u.what for u in lakkaraja.uses)
        label = lib.get("label-rabbit-thymoglobulin-us-pi-us")
        assert any("Minimum infusion time, first dose" in u.what for u in label.uses)
        assert "https://mdtodate.com/thymoglobulin/" in label.reference["addresses"]
        # The calculator's target sources find their entry (by DOI; a primary paper "via" a secondary by text).
        assert lib.reference_for("Lakkaraja M et al. Blood Adv 2022;6(3):1054",
                                 doi="10.1182/bloodadvances.2021005584") == "ref-lakkaraja2022"
        assert lib.reference_for("Admiraal R et al. Lancet Haematol 2017, via Bishop E, Reuter SE",
                                 doi="10.1002/psp4.70176") == "ref-admiraal2017"
        assert lib.reference_for("Transplant Cell Ther 2022;28(6):332.e1", doi="10.1016/j.jtct.2022.03.018",
                                 pmid="35314377") == "ref-tct2022-haplo"
        assert lib.reference_for("Nobody X et al. Unknown J 1999") == ""
        # A source written as one text gives its DOI inline (the model's calibration rows).
        assert lib.reference_for("Bishop E et al. CPT Pharmacometrics Syst Pharmacol 2026, doi 10.1002/psp4.70176"
                                 ) == "ref-bishop2026"


def test_fixture_ids_unchanged(library):
    assert set(library.all_ids()) == set(FIXTURE_IDS)
