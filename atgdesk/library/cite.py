"""Formatted citations (Vancouver, AMA, APA) from CSL-JSON items, through the citeproc-py CSL processor.

The CSL style files are bundled in ``resources/csl/`` (CC BY-SA 3.0; origin and licence of each in
``resources/csl/ATTRIBUTION.md``).  Output is plain text: citeproc-py's plain formatter adds no markup,
and the text of a title is passed through unchanged, so a title containing ``<b>`` comes out literally.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from atgdesk import paths


@dataclass(frozen=True)
class CitationStyle:
    """A bundled CSL style: ``key`` in code, ``label`` shown to the user, ``filename`` in resources/csl/."""

    key: str
    label: str
    filename: str


STYLES: dict[str, CitationStyle] = {
    "vancouver": CitationStyle("vancouver", "Vancouver", "nlm-citation-sequence.csl"),
    "ama": CitationStyle("ama", "AMA", "american-medical-association.csl"),
    "apa": CitationStyle("apa", "APA", "apa.csl"),
}
DEFAULT_STYLE = "vancouver"
# A truncated author list (the remaining authors unknown) reaches citeproc as a final literal "et al." name
# (formats.CSL_ET_AL); each style prints it its own way (conventions looked up 2026-12-03 with the pages search):
# - Vancouver (ICMJE/NLM sample references): up to six authors, more than six: the first six, then "et al."
#   (https://www.kmuj.kmu.edu.pk//KMUJ-references-style, https://support.copyright.co.nz/portal/en/kb/articles/
#   vancouver-reference-style-oysegw): the style's own truncation after six, else the known names, "et al.".
# - AMA 11th ed. (3.11.1): all authors up to six; more than six: the first three, then "et al."
#   (https://infoguides.rit.edu/c.php?g=726149&p=8724242, https://utsouthwestern.libguides.com/AMAcitation/authors).
# - APA 7th ed.: every author up to 20 with "&" before the last; 21 or more: the first 19, an ellipsis, the last
#   (https://citeflash.com/apa-reference-list, https://library.ju.edu/c.php?g=994677&p=7197483). APA has no form
#   for authors nobody knows; an incomplete list ends in "et al." without the "&" (which would announce the last
#   author), and 20 or more known names end in the style's ellipsis and "et al.".
_APA_AMPERSAND_ET_AL = re.compile(r",? & et al\.")

# Numeric styles print the citation number in front of the bibliography entry ("1. " or "1."); a single copied
# citation must not carry it.
_LEADING_NUMBER = re.compile(r"^\s*\[?\d+[.\])]?\s*")
# citeproc-py is not documented as thread-safe; the GUI formats on one thread, the lock keeps others honest.
_LOCK = threading.Lock()


class CitationError(Exception):
    """A citation could not be formatted (unknown style, unreadable style file); the message says why."""


@cache
def _style(key: str):
    from citeproc import CitationStylesStyle
    try:
        style = STYLES[key]
    except KeyError:
        raise CitationError(f"style: unknown citation style {key!r} (known: {', '.join(STYLES)})") from None
    path = paths.resource("csl", style.filename)
    if not path.is_file():
        raise CitationError(f"style: the CSL file for {style.label} is missing ({path})")
    return CitationStylesStyle(str(path), validate=False)


def format_bibliography(items: Sequence[dict], style: str = DEFAULT_STYLE) -> list[str]:
    """Format CSL-JSON ``items`` as bibliography entries in the given style, in the order given.

    Each entry is plain text without the citation number.  Items need ``id`` and ``type``; every other CSL
    field is optional.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON
    if not items:
        return []
    # citeproc lower-cases ids; give each item a private id so distinct items never collide.
    prepared = []
    for index, item in enumerate(items):
        entry = {k: v for k, v in item.items() if v not in (None, "", [], {})}
        entry["id"] = f"item{index}"
        entry.setdefault("type", "article-journal")
        prepared.append(entry)
    csl_style = _style(style)
    with _LOCK:
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(prepared), formatter.plain)
        by_key = {}
        for entry in prepared:
            citation = Citation([CitationItem(entry["id"])])
            bibliography.register(citation)
            by_key[entry["id"]] = citation
        keys = [str(k) for k in bibliography.keys]
        texts = [str(t) for t in bibliography.bibliography()]
    formatted = dict(zip(keys, texts, strict=False))
    return [_et_al_form(_tidy(formatted.get(entry["id"], "")), entry, style) for entry in prepared]


def _et_al_form(text: str, entry: dict, style: str) -> str:
    """APA puts "&" before the last name, and CSL takes the literal "et al." for one: "Urabe, A., & et al." reads as
    if "et al." were an author.  APA's form for an incomplete list has no "&" ("Urabe, A., et al.")."""
    authors = entry.get("author") or []
    if style == "apa" and authors and authors[-1] == {"literal": "et al."}:
        return _APA_AMPERSAND_ET_AL.sub(", et al.", text, count=1)
    return text


def format_citation(item: dict, style: str = DEFAULT_STYLE) -> str:
    """One CSL-JSON item as a single plain-text bibliography entry in ``style``."""
    return format_bibliography([item], style)[0]


def _tidy(text: str) -> str:
    text = _LEADING_NUMBER.sub("", text, count=1)
    return " ".join(text.split())


def format_details(details: Sequence, style: str = DEFAULT_STYLE) -> list[str]:
    """Formatted citations of study details (``StudyDetail``), through :func:`formats.to_csl_json`."""
    from atgdesk.library.formats import to_csl_json
    # A truncated author list ends in a literal "et al." name (formats.to_csl_json): every style prints it after
    # the names it lists, so no citation looks complete when the remaining authors are unknown.
    return format_bibliography(to_csl_json(list(details)), style)


def detail_from_imported(citation):
    """A ``StudyDetail`` for a user-imported citation (``userstore.ImportedCitation``), so that citing and
    exporting treat it exactly like a bundled study.  Its id is ``user:<n>``; its identifiers count as printed
    in the user's own file (status ``seed``), so exports keep them."""
    from atgdesk.library.details import Identifier, StudyDetail
    from atgdesk.library.records import StudyRecord
    names = [a for a in citation.authors if a.strip()]
    # A final "et al." / "others" (as ATG Desk's own RIS and nbib exports write it) marks an incomplete list.
    et_al = bool(names) and names[-1].strip().casefold().rstrip(".") in ("et al", "others")
    authors = tuple(_author(a) for a in (names[:-1] if et_al else names))
    record = StudyRecord(
        id=f"user:{citation.id}", first_author=authors[0].family if authors else "",
        authors_short=", ".join(a.short for a in authors), year=citation.year or 0, title=citation.title,
        journal=citation.journal, volume=citation.volume, issue=citation.issue, pages=citation.pages,
        design="", design_label="", products=(), product_labels=(), settings=(), setting_labels=(),
        species=(), species_labels=(), evidence_level="", evidence_label="")
    source = f"imported from {citation.source_file}"
    identifiers = tuple(Identifier(kind, value, "seed", source)
                        for kind, value in (("pmid", citation.pmid), ("doi", citation.doi)) if value)
    return StudyDetail(
        record=record, authors=authors, et_al=et_al, journal_full="", pages_full=citation.pages, excerpt="",
        abstract_en=citation.abstract, abstract_zh="", population_n=0, population_text="", key_findings=(),
        registration="", take_home="", identifiers=identifiers, seed_links=())


def _author(text: str):
    """'Family, Given Names', 'Family GI' (MEDLINE short form) or a single name → ``details.Author``."""
    from atgdesk.library.details import Author
    text = " ".join(text.split())
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        initials = "".join(w[0] for w in re.split(r"[\s.]+", given) if w and w[0].isalpha()).upper()
        full = len(given.replace(".", "").replace(" ", "")) > len(initials)  # "Jane", not just "J."
        return Author(family=family, initials=initials, given=given if full else "")
    parts = text.split(" ")
    if len(parts) > 1 and parts[-1].isupper() and parts[-1].isalpha() and len(parts[-1]) <= 4:
        return Author(family=" ".join(parts[:-1]), initials=parts[-1])
    return Author(family=text, initials="")
