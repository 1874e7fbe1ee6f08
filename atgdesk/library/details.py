"""One study's full details, as the study view, ``atgdesk show`` and the citation exports need them.

Plain frozen data (no database handles).  Kept apart from :mod:`atgdesk.library.records` (the list rows the app
starts with): these classes are made when a study is first opened or cited, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from atgdesk.library.records import StudyRecord


@dataclass(frozen=True)
class Author:
    """One author in citation order; ``given`` is empty unless the full given names are known."""

    family: str
    initials: str
    given: str = ""

    @property
    def short(self) -> str:
        """'Shimony O'."""
        return f"{self.family} {self.initials}".strip()


@dataclass(frozen=True)
class Identifier:
    """PMID, DOI, NCT… with how sure we are: ``verified``, ``probable`` (show as unverified) or ``seed``."""

    type: str
    value: str
    status: str
    source: str = ""


@dataclass(frozen=True)
class Correction:
    """A recorded change to the seed text (``status`` ``applied`` or ``flagged``)."""

    id: str
    study: str
    field: str
    original: str
    corrected: str
    kind: str
    status: str
    reason: str
    evidence: str


@dataclass(frozen=True)
class Source:
    """An outside document read for a study: ``kind`` published-abstract | registry | publisher-page;
    ``status`` read (the whole record was visible) or excerpt (only part of it)."""

    key: str
    kind: str
    address: str
    status: str
    read_on: str = ""
    note: str = ""


@dataclass(frozen=True)
class Fact:
    """A finding with its source: ``section`` finding (the seed's key findings, ``source_kind`` seed) or, read
    outside the seed, population | dose_schedule | comparator | primary_outcome | result | harm | take_home."""

    section: str
    text: str
    source_key: str
    source_kind: str
    source_address: str
    source_status: str


@dataclass(frozen=True)
class ReferenceUse:
    """What the calculator takes from a dosing & PK reference: the data file and the fact that cites it."""

    file: str
    what: str


@dataclass(frozen=True)
class SeedMembership:
    """Where the study appears in the seed documents."""

    source: str
    list: str
    position: int


@dataclass(frozen=True)
class StudyDetail:
    """Everything the study view and the citation exports need about one study."""

    record: StudyRecord
    authors: tuple[Author, ...]
    et_al: bool
    journal_full: str
    pages_full: str
    excerpt: str
    abstract_en: str
    abstract_zh: str
    population_n: int
    population_text: str
    key_findings: tuple[str, ...]
    registration: str
    take_home: str
    identifiers: tuple[Identifier, ...]
    seed_links: tuple[str, ...]
    record_extras: dict = field(default_factory=dict)
    corrections: tuple[Correction, ...] = ()
    seed_memberships: tuple[SeedMembership, ...] = ()
    related: tuple[StudyRecord, ...] = ()
    availability: str = ""  # of published results: found | not-found | '' (not looked up yet)
    searched: str = ""  # for not-found: what was searched
    # Structured field → where its value came from: {"from": "seed" | "published" | "", "source_kind",
    # "source_address", …}; also "authors" with "complete".
    provenance: dict = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    reference: dict = field(default_factory=dict)  # dosing & PK references: citation_text, note, addresses…
    uses: tuple[ReferenceUse, ...] = ()

    @property
    def authors_complete(self) -> bool:
        """True when the author list is known to be the whole list."""
        return not self.et_al

    @property
    def id(self) -> str:
        return self.record.id

    def identifier(self, kind: str, statuses: tuple[str, ...] = ("verified", "seed")) -> str:
        """The first identifier of ``kind`` whose status is in ``statuses`` ('' when none)."""
        for ident in self.identifiers:
            if ident.type == kind and ident.status in statuses:
                return ident.value
        return ""
