"""Citation export: CSL-JSON, RIS (rispy), BibTeX (bibtexparser 2.x) and MEDLINE/nbib.

Decisions, the same in every format:

- **Identifiers**: a DOI or PMID is exported only when its status is ``verified`` or ``seed`` (printed in a seed
  document).  ``probable`` identifiers are shown in the app as unverified but never exported, so an exported
  file carries no identifier we have not confirmed.
- **Authors**: in citation order: the whole list where a published record gives it (``[published].authors``),
  else the authors named in the seed.  When the list used is still truncated ("et al.": the remaining authors are
  unknown) nothing is invented for them, and every format says the list is incomplete in its own way: BibTeX
  ``and others`` (BibTeX's own marker for omitted names); CSL-JSON a final ``{"literal": "et al."}`` name — CSL
  has no "incomplete" flag, a literal name is printed as written by citeproc processors (citeproc-py here), and
  public BibTeX-to-CSL converters turn ``and others`` into a final literal name the same way (``{"literal":
  "others"}``, seen in the code index, 2026-12-03); RIS and MEDLINE/nbib a final ``AU  - et al.`` line, which
  ATG Desk's importer reads back as a marker (``cite.detail_from_imported``) — neither format has a field for an
  incomplete list (RIS specification, http://www.refman.com/support/risformat_tags_02.asp: "Each author must be on
  a separate line") — plus an RIS ``N1`` note saying so in words.
- **Given names**: the full given names when the data has them, otherwise the initials written with full stops
  (``JP`` → ``J. P.``, ``J-P`` → ``J.-P.``) so that CSL processors and reference managers parse them as initials.
- **Journal**: the full journal title where known (``container-title``, RIS ``T2``, BibTeX ``journal``), with the
  abbreviation as printed alongside (``container-title-short``, RIS ``J2``, nbib ``TA``);
  only the abbreviation when no full title is known.
- **Pages**: the expanded range (``173-188``) in CSL-JSON, RIS and BibTeX; MEDLINE's ``PG`` keeps the abbreviated
  range as printed (``173-88``), which is MEDLINE's own convention.
- **Abstract**: the English abstract where the seed gives one.
- **MEDLINE/nbib** has no maintained writer; it is written here: 4-character tags padded to ``TAG - `` (6
  characters), lines wrapped at 80 columns with continuation lines indented by six spaces, one blank line between
  records.  **BibTeX** text is escaped (``\\ { } & % $ # _ ~ ^``) before bibtexparser writes it; Unicode stays
  as UTF-8.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

from atgdesk.library.details import Author, StudyDetail

EXPORT_STATUSES = ("verified", "seed")
FORMATS = ("csl-json", "ris", "bibtex", "nbib")
# How a truncated author list ends in each format (see the module docstring).
ET_AL = "et al."
CSL_ET_AL = {"literal": ET_AL}
BIBTEX_OTHERS = "others"
TRUNCATED_NOTE = "Author list incomplete: the source names only the authors listed here, then \"et al.\"."


def given_name(author: Author) -> str:
    """Full given names when known, else initials with full stops (``JP`` → ``J. P.``, ``J-P`` → ``J.-P.``)."""
    if author.given:
        return author.given
    out = []
    for ch in author.initials:
        if ch == "-":
            out.append("-")
        elif ch.isalpha():
            out.append((" " if out and out[-1] != "-" else "") + ch + ".")
    return "".join(out)


def _journal(detail: StudyDetail) -> str:
    return detail.journal_full or detail.record.journal


def _identifier(detail: StudyDetail, kind: str) -> str:
    return detail.identifier(kind, EXPORT_STATUSES)


def _pages(detail: StudyDetail) -> str:
    return detail.pages_full or detail.record.pages


# -- CSL-JSON ----------------------------------------------------------------------------------------------------

def to_csl_json(details: Iterable[StudyDetail]) -> list[dict]:
    """CSL-JSON items (``article-journal``), one per study, ready for ``json.dump`` or citeproc-py."""
    items = []
    for d in details:
        rec = d.record
        item: dict = {
            "id": rec.id,
            "type": "article-journal",
            "title": rec.title,
            "author": [{"family": a.family, "given": given_name(a)} for a in d.authors] + (
                [dict(CSL_ET_AL)] if d.et_al else []),
            "container-title": _journal(d),
            "container-title-short": rec.journal,
        }
        if rec.year:  # 0: the data give no year (some dosing & PK references); nothing is made up
            item["issued"] = {"date-parts": [[rec.year]]}
        if d.reference.get("type") == "label":
            # A product label is no journal article: a document with the page its facts were read on.
            item["type"] = "document"
            if d.reference.get("addresses"):
                item["URL"] = d.reference["addresses"][0]
        for key, value in (("volume", rec.volume), ("issue", rec.issue), ("page", _pages(d)),
                           ("DOI", _identifier(d, "doi")), ("PMID", _identifier(d, "pmid")),
                           ("abstract", d.abstract_en), ("language", d.record_extras.get("language", "")),
                           ("publisher", d.record_extras.get("publisher", ""))):
            if value:
                item[key] = value
        items.append(item)
    return items


# -- RIS ---------------------------------------------------------------------------------------------------------

class _RisWriter(rispy.RisWriter):
    """rispy's writer without its record numbers: it wrote "1." above each ``TY`` line, which is no RIS tag, and
    ATG Desk's own importer (and any strict reader) refused the file at that line."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(details: Iterable[StudyDetail]) -> str:
    """RIS text (``TY  - JOUR`` records) written by rispy; PMID goes in ``AN`` (accession number)."""
    entries = []
    for d in details:
        rec = d.record
        entry: dict = {
            "type_of_reference": "JOUR",
            "id": rec.id,
            "title": rec.title,
            "authors": [f"{a.family}, {given_name(a)}".rstrip(", ") for a in d.authors] + (
                [ET_AL] if d.et_al else []),
            "secondary_title": _journal(d),
            "alternate_title1": rec.journal,
        }
        if rec.year:
            entry["year"] = str(rec.year)
        start, _, end = _pages(d).partition("-")
        for key, value in (("volume", rec.volume), ("number", rec.issue), ("start_page", start),
                           ("end_page", end), ("doi", _identifier(d, "doi")),
                           ("accession_number", _identifier(d, "pmid")), ("abstract", d.abstract_en),
                           ("language", d.record_extras.get("language", "")),
                           ("publisher", d.record_extras.get("publisher", ""))):
            if value:
                entry[key] = value
        if d.et_al:
            entry["notes"] = [TRUNCATED_NOTE]
        entries.append(entry)
    return rispy.dumps(entries, implementation=_RisWriter)


# -- BibTeX ------------------------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")


def bibtex_escape(text: str) -> str:
    """Escape the characters that are special in (La)TeX so a field value is read back literally."""
    return _BIBTEX_SPECIAL_RE.sub(lambda m: _BIBTEX_SPECIALS[m.group(0)], text)


def to_bibtex(details: Iterable[StudyDetail]) -> str:
    """BibTeX ``@article`` entries (key = study id) written by bibtexparser 2.x; values escaped, UTF-8 kept."""
    library = bibtexparser.Library()
    for d in details:
        rec = d.record
        authors = " and ".join(f"{{{bibtex_escape(a.family)}}}, {bibtex_escape(given_name(a))}" if " " in a.family
                               else f"{bibtex_escape(a.family)}, {bibtex_escape(given_name(a))}" for a in d.authors)
        if d.et_al and authors:
            authors += f" and {BIBTEX_OTHERS}"
        values = [("author", authors), ("title", bibtex_escape(rec.title)),
                  ("journal", bibtex_escape(_journal(d))), ("year", str(rec.year) if rec.year else ""),
                  ("volume", bibtex_escape(rec.volume)), ("number", bibtex_escape(rec.issue)),
                  ("pages", bibtex_escape(_pages(d).replace("-", "--"))),
                  ("doi", bibtex_escape(_identifier(d, "doi"))), ("pmid", _identifier(d, "pmid")),
                  ("abstract", bibtex_escape(d.abstract_en))]
        library.add(Entry("article", rec.id, [Field(k, v) for k, v in values if v]))
    return bibtexparser.write_string(library)


# -- MEDLINE / nbib ----------------------------------------------------------------------------------------------

NBIB_WIDTH = 80


def nbib_line(tag: str, value: str) -> str:
    """One MEDLINE field: ``TAG - value`` (tag padded to 4), wrapped at 80 columns, continuation indented 6."""
    head = f"{tag:<4}- "
    text = " ".join(value.split())
    lines = textwrap.wrap(text, width=NBIB_WIDTH, initial_indent=head, subsequent_indent=" " * 6,
                          break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) if lines else head.rstrip()


def to_nbib(details: Iterable[StudyDetail]) -> str:
    """MEDLINE/nbib text, one record per study, records separated by a blank line."""
    records = []
    for d in details:
        rec = d.record
        fields: list[tuple[str, str]] = []
        pmid = _identifier(d, "pmid")
        doi = _identifier(d, "doi")
        if pmid:
            fields.append(("PMID", pmid))
        fields.append(("TI", rec.title))
        for author in d.authors:
            if author.given:
                fields.append(("FAU", f"{author.family}, {author.given}"))
            fields.append(("AU", author.short))
        if d.et_al and d.authors:
            fields.append(("AU", ET_AL))
        if d.abstract_en:
            fields.append(("AB", d.abstract_en))
        fields.append(("TA", rec.journal))
        if d.journal_full:
            fields.append(("JT", d.journal_full))
        if rec.year:
            fields.append(("DP", str(rec.year)))
        for tag, value in (("VI", rec.volume), ("IP", rec.issue), ("PG", rec.pages)):
            if value:
                fields.append((tag, value))
        if doi:
            fields.append(("LID", f"{doi} [doi]"))
            fields.append(("AID", f"{doi} [doi]"))
        if d.record_extras.get("language"):
            fields.append(("LA", d.record_extras["language"]))
        fields.append(("PT", "Journal Article"))
        vol = rec.volume + (f"({rec.issue})" if rec.issue else "")
        fields.append(("SO", f"{rec.journal}. {rec.year}" + (f";{vol}" if vol else "") +
                       (f":{rec.pages}" if rec.pages else "") + "."))
        records.append("\n".join(nbib_line(tag, value) for tag, value in fields))
    return "\n\n".join(records) + ("\n" if records else "")


def export(details: Iterable[StudyDetail], fmt: str) -> str:
    """Text of ``details`` in ``fmt`` (one of ``FORMATS``); CSL-JSON is pretty-printed JSON."""
    if fmt == "csl-json":
        return json.dumps(to_csl_json(details), ensure_ascii=False, indent=2) + "\n"
    if fmt == "ris":
        return to_ris(details)
    if fmt == "bibtex":
        return to_bibtex(details)
    if fmt == "nbib":
        return to_nbib(details)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
