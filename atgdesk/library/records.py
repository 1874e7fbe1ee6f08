"""Frozen records returned by the evidence library: list rows, search filters, facet counts and metadata.

Everything here is plain data (no database handles), safe to pass to the UI or to the citation formatters.  One
study's full details (:class:`~atgdesk.library.details.StudyDetail` and its parts) are in
:mod:`atgdesk.library.details`, imported when a study is first opened, not to start the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class StudyRecord:
    """What one row of the citation list needs.

    ``score`` is the bm25 rank (lower is better, negative for FTS hits) or 0.0 when the list is not ranked;
    ``match_terms`` are the search terms (lower case, as typed) that the view may highlight.
    """

    id: str
    first_author: str
    authors_short: str
    year: int
    title: str
    journal: str
    volume: str
    issue: str
    pages: str
    design: str
    design_label: str
    products: tuple[str, ...]
    product_labels: tuple[str, ...]
    settings: tuple[str, ...]
    setting_labels: tuple[str, ...]
    species: tuple[str, ...]
    species_labels: tuple[str, ...]
    evidence_level: str
    evidence_label: str
    kind: str = "study"  # "study" (seed) or "dosing-reference"
    score: float = 0.0
    match_terms: tuple[str, ...] = ()

    @property
    def is_reference(self) -> bool:
        """A dosing & PK reference behind the calculator (not one of the seed studies)."""
        return self.kind == "dosing-reference"


class FacetCount(NamedTuple):
    """One facet value with the number of studies that have it."""

    key: str
    label: str
    count: int  # type: ignore[assignment]  # shadows tuple.count(); callers read the field, never the method


@dataclass(frozen=True)
class LibraryMeta:
    """Provenance of the bundled database (shown in the About box)."""

    data_version: str
    content_hash: str
    schema_version: int
    study_count: int  # every entry of the library: the seed studies and the dosing & PK references
    reference_count: int = 0  # how many of them are dosing & PK references


@dataclass(frozen=True)
class SearchFilters:
    """Field filters: AND across facets, OR within one facet; empty tuples and ``None`` mean 'no filter'.

    ``ids`` restricts the results to a subset of study ids (favourites, a user tag); an empty frozenset matches
    nothing, ``None`` does not restrict.
    """

    year_min: int | None = None
    year_max: int | None = None
    designs: tuple[str, ...] = ()
    species: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    journals: tuple[str, ...] = ()
    evidence_levels: tuple[str, ...] = ()
    ids: frozenset[str] | None = None
    kinds: tuple[str, ...] = ()
