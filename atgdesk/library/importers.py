"""Parsers for citation files the user imports: RIS, MEDLINE/nbib and PubMed XML → ``userstore.CitationIn``.

Each parser reads the whole file first and either returns every record or raises :class:`ImportParseError`
naming the file and the line; nothing is written anywhere, so the caller can hand the records to
``UserStore.import_citations`` (one transaction) and an import is all or nothing.

* RIS: the structure (TY … ER records, tag lines, continuation lines) is checked here with line numbers, then
  each record's fields are mapped by ``rispy``.
* MEDLINE/nbib: a small strict parser of PubMed's ``TAG - value`` format (the ``nbib`` package reports no line
  numbers, needs an extra date library and is unmaintained, so it is not used).
* PubMed XML: read with ``pyexpat`` directly, refusing DTD entity declarations and external entities (no
  entity expansion, no network) — the same defence as ``defusedxml``, without the dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.parsers import expat

from atgdesk.fileio import FileRefused, read_limited
from atgdesk.library.userstore import CitationIn, plain_text

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_RECORDS = 100_000
MAX_XML_DEPTH = 100  # PubMed XML nests about 8 deep; deeper is not a PubMed export
#: Longest accepted text per field (characters); a longer one refuses the file, naming the record.
FIELD_LIMITS = {"title": 5_000, "abstract": 100_000, "journal": 1_000, "volume": 100, "issue": 100,
                "pages": 200, "doi": 500, "pmid": 20}
MAX_AUTHORS = 5_000
MAX_AUTHOR_LENGTH = 500
FORMAT_LABELS = {"ris": "RIS", "nbib": "MEDLINE/nbib", "pubmed-xml": "PubMed XML"}
FILE_DIALOG_FILTER = ("Citation files (*.ris *.nbib *.txt *.xml *.medline);;RIS (*.ris);;"
                      "MEDLINE/nbib (*.nbib *.txt *.medline);;PubMed XML (*.xml);;All files (*)")

_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_MEDLINE_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- (.*)$|^([A-Z][A-Z0-9]{0,3}) {0,3}-$")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d|2100)")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


class ImportParseError(ValueError):
    """A file could not be read as citations; ``str()`` names the file and, where known, the line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}, line {line}" if line is not None else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ParsedFile:
    """Every record of one file, in file order, with the detected format ('ris', 'nbib' or 'pubmed-xml')."""

    path: Path
    format: str
    records: tuple[CitationIn, ...]


def parse_file(path: str | Path) -> ParsedFile:
    """Detect the format of ``path`` from its content (and extension) and parse every record in it."""
    path = Path(path)
    name = path.name
    try:  # type and size checked on the opened file before reading: a pipe or a device never hangs the import
        data = read_limited(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise ImportParseError(name, None, f"cannot be imported: {exc}") from None
    except OSError as exc:
        raise ImportParseError(name, None, f"cannot be read ({exc.strerror or exc})") from exc
    fmt = detect_format(data, name)
    if fmt == "pubmed-xml":
        records = parse_pubmed_xml(data, name)
    elif fmt == "ris":
        records = parse_ris(_decode(data, name), name)
    else:
        records = parse_medline(_decode(data, name), name)
    return ParsedFile(path, fmt, tuple(records))


def _checked(rec: CitationIn, name: str, line: int | None) -> CitationIn:
    """A parsed record within the limits, its text neutralised (control and bidi-override characters)."""
    for field_name, limit in FIELD_LIMITS.items():
        value = getattr(rec, field_name)
        if len(value) > limit:
            raise ImportParseError(name, line, f"this record's {field_name} is longer than {limit:,} characters")
        setattr(rec, field_name, plain_text(value))
    if len(rec.authors) > MAX_AUTHORS:
        raise ImportParseError(name, line, f"this record lists more than {MAX_AUTHORS:,} authors")
    if any(len(a) > MAX_AUTHOR_LENGTH for a in rec.authors):
        raise ImportParseError(name, line, f"an author's name in this record is longer than {MAX_AUTHOR_LENGTH} "
                                           "characters")
    rec.authors = [plain_text(a) for a in rec.authors]
    return rec


def _count(records: list, name: str, line: int | None) -> None:
    if len(records) >= MAX_RECORDS:
        raise ImportParseError(name, line, f"more than {MAX_RECORDS:,} records in one file; split the file")


def detect_format(data: bytes, name: str = "file") -> str:
    """'ris', 'nbib' or 'pubmed-xml' from the first meaningful line; raises naming that line otherwise."""
    text = data[:4096].decode("utf-8", errors="replace").lstrip("\ufeff")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("<"):
            return "pubmed-xml"
        if _RIS_TAG.match(line.rstrip()):
            return "ris"
        if _MEDLINE_TAG.match(line.rstrip()):
            return "nbib"
        raise ImportParseError(name, number, "not a RIS, MEDLINE/nbib or PubMed XML file (this line starts "
                                             f"with {_preview(stripped)})")
    raise ImportParseError(name, None, "the file is empty")


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportParseError(name, line, "the text is not UTF-8 (save the file as UTF-8 and try again)") \
            from exc


def _preview(text: str, limit: int = 40) -> str:
    text = text if len(text) <= limit else text[:limit] + "…"
    return repr(text)


# -- RIS -----------------------------------------------------------------------------------------------------
def parse_ris(text: str, name: str = "file.ris") -> list[CitationIn]:
    """Parse RIS text; every record must run from ``TY  -`` to ``ER  -`` and have a title."""
    import rispy

    records: list[CitationIn] = []
    # Each entry: a tag line and the continuation lines joined to it.  rispy joins a continuation line to a
    # single-value tag by copying the whole value each time (quadratic: an 80,000-line abstract took ~100 s), so
    # they are collected here and joined once, the same way (one space, each line stripped).
    current: list[tuple[str, list[str]]] | None = None
    start_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        match = _RIS_TAG.match(line)
        tag = match.group(1) if match else None
        if current is None:
            if tag == "TY":
                current, start_line = [(line, [])], number
                continue
            raise ImportParseError(name, number, f"expected a record start 'TY  - …', found {_preview(line)}")
        if tag == "TY":
            raise ImportParseError(name, number, "a new record starts before the record of line "
                                                 f"{start_line} was closed with 'ER  -'")
        if tag == "ER":
            _count(records, name, start_line)
            lines = [head if not parts else f"{head} {' '.join(parts)}" for head, parts in current]
            entries = rispy.loads("\n".join([*lines, "ER  - "]), skip_unknown_tags=True)
            if len(entries) != 1:
                raise ImportParseError(name, start_line, "this record could not be read")
            records.append(_checked(_from_ris(entries[0], name, start_line), name, start_line))
            current = None
            continue
        if not _rispy_tag_line(line) and current[-1][0][:2] not in rispy.LIST_TYPE_TAGS:
            current[-1][1].append(line.strip())
            continue
        current.append((line, []))
    if current is not None:
        raise ImportParseError(name, start_line, "this record is not closed with 'ER  -' before the end of "
                                                 "the file")
    if not records:
        raise ImportParseError(name, None, "no citation records (TY … ER) found")
    return records


def _rispy_tag_line(line: str) -> bool:
    """rispy's own test for a tag line (``RisParser.parse_line``); anything else continues the previous tag."""
    return line[2:5] == "  -" and line[:2].isupper() and line[0:1].isalpha()


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), "")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def _from_ris(entry: dict, name: str, line: int) -> CitationIn:
    title = _first(entry, "title", "primary_title", "translated_title")
    if not title:
        raise ImportParseError(name, line, "this record has no title (TI or T1)")
    authors = []
    for key in ("authors", "first_authors"):
        for author in entry.get(key) or []:
            if isinstance(author, str) and author.strip():
                authors.append(" ".join(author.split()))
        if authors:
            break
    start = _first(entry, "start_page")
    end = _first(entry, "end_page")
    pages = f"{start}-{end}" if start and end else start
    pmid = _first(entry, "accession_number")
    return CitationIn(
        title=title,
        authors=authors,
        journal=_first(entry, "journal_name", "secondary_title", "alternate_title3", "alternate_title1",
                       "alternate_title2"),
        year=_year(_first(entry, "year", "publication_year", "date")),
        volume=_first(entry, "volume"),
        issue=_first(entry, "number", "issue"),
        pages=pages,
        doi=_clean_doi(_first(entry, "doi")),
        pmid=pmid if pmid.isdigit() else "",
        abstract=_first(entry, "abstract", "notes_abstract"),
    )


def _year(text: str) -> int | None:
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None


def _clean_doi(text: str) -> str:
    match = _DOI.search(text or "")
    return match.group(0).rstrip(".,;") if match else ""


# -- MEDLINE / nbib ------------------------------------------------------------------------------------------
def parse_medline(text: str, name: str = "file.nbib") -> list[CitationIn]:
    """Parse MEDLINE (PubMed 'nbib') text: records separated by blank lines, ``TAG - value`` lines and
    continuation lines indented by six spaces."""
    records: list[CitationIn] = []
    # (tag, parts): continuation lines are collected and joined once per field (joining them one by one
    # copied the growing value each time: quadratic in the number of lines).
    fields: list[tuple[str, list[str]]] = []
    start_line = 0

    def close() -> None:
        _count(records, name, start_line)
        joined = [(tag, " ".join(parts)) for tag, parts in fields]
        records.append(_checked(_from_medline(joined, name, start_line), name, start_line))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            if fields:
                close()
                fields = []
            continue
        if raw.startswith("      ") or (raw.startswith(" ") and not _MEDLINE_TAG.match(line)):
            if not fields:
                raise ImportParseError(name, number,
                                       "a continuation line comes before any 'TAG - value' line")
            fields[-1][1].append(line.strip())
            continue
        match = _MEDLINE_TAG.match(line)
        if not match:
            raise ImportParseError(name, number, f"not a MEDLINE line (expected 'TAG - value'), found "
                                                 f"{_preview(line)}")
        if not fields:
            start_line = number
        tag = match.group(1) or match.group(3)
        fields.append((tag, [(match.group(2) or "").strip()]))
    if fields:
        close()
    if not records:
        raise ImportParseError(name, None, "no MEDLINE records found")
    return records


def _from_medline(fields: list[tuple[str, str]], name: str, line: int) -> CitationIn:
    values: dict[str, list[str]] = {}
    for tag, value in fields:
        values.setdefault(tag, []).append(value)

    def one(*tags: str) -> str:
        for tag in tags:
            for value in values.get(tag, []):
                if value:
                    return value
        return ""

    title = one("TI", "BTI")
    if not title:
        raise ImportParseError(name, line, "this record has no title (TI)")
    authors = [a for a in values.get("AU", []) if a] or [a for a in values.get("FAU", []) if a]
    doi = ""
    for value in values.get("LID", []) + values.get("AID", []):
        if value.endswith("[doi]"):
            doi = _clean_doi(value[:-5])
            break
    pmid = one("PMID")
    return CitationIn(
        title=title,
        authors=authors,
        journal=one("TA", "JT"),
        year=_year(one("DP", "DEP")),
        volume=one("VI"),
        issue=one("IP"),
        pages=one("PG"),
        doi=doi,
        pmid=pmid if pmid.isdigit() else "",
        abstract=" ".join(values.get("AB", [])),
    )


# -- PubMed XML ----------------------------------------------------------------------------------------------
class _TreeReader:
    """Build an ElementTree from pyexpat events, remembering each element's line; entities are refused."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: dict[int, int] = {}
        self.root: Element | None = None
        self._stack: list[Element] = []
        self._pending: list[str] = []
        self._parser = expat.ParserCreate()
        self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._data
        self._parser.EntityDeclHandler = self._entity
        self._parser.ExternalEntityRefHandler = self._external
        self._parser.buffer_text = True

    def parse(self, data: bytes) -> Element:
        try:
            self._parser.Parse(data, True)
        except expat.ExpatError as exc:
            message = f"not well-formed XML ({expat.ErrorString(exc.code)})"
            raise ImportParseError(self.name, exc.lineno, message) from exc
        except LookupError as exc:  # an encoding name in the XML declaration that Python does not know
            raise ImportParseError(self.name, 1, f"the XML declares an unknown text encoding ({exc})") from exc
        if self.root is None:
            raise ImportParseError(self.name, None, "no XML element found")
        return self.root

    def _start(self, tag: str, attrs: dict) -> None:
        if len(self._stack) >= MAX_XML_DEPTH:  # deeper than any PubMed export; deep trees recurse when read
            raise ImportParseError(self.name, self._parser.CurrentLineNumber,
                                   f"elements nested more than {MAX_XML_DEPTH} deep (not a PubMed export)")
        self._flush_text()
        element = Element(tag, attrs)
        self.lines[id(element)] = self._parser.CurrentLineNumber
        if self._stack:
            self._stack[-1].append(element)
        else:
            self.root = element
        self._stack.append(element)

    def _end(self, tag: str) -> None:
        self._flush_text()
        self._stack.pop()

    def _data(self, text: str) -> None:
        # Text arrives in many pieces (each entity reference splits it): collected, and joined once per run of
        # text between two tags (appending piece by piece copied the growing text: quadratic).
        self._pending.append(text)

    def _flush_text(self) -> None:
        if not self._pending:
            return
        text = "".join(self._pending)
        self._pending.clear()
        element = self._stack[-1] if self._stack else None
        if element is None:
            return
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + text
        else:
            element.text = (element.text or "") + text

    def _entity(self, entity_name, *args) -> None:
        raise ImportParseError(self.name, self._parser.CurrentLineNumber,
                               f"entity declarations are not allowed in an imported file ({entity_name!r})")

    def _external(self, *args) -> int:
        raise ImportParseError(self.name, self._parser.CurrentLineNumber,
                               "external entities are not allowed in an imported file")


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def parse_pubmed_xml(data: bytes, name: str = "file.xml") -> list[CitationIn]:
    """Parse a PubMed XML export (``PubmedArticleSet`` of ``PubmedArticle``)."""
    reader = _TreeReader(name)
    root = reader.parse(data)
    if root.tag == "PubmedArticle":
        articles = [root]
    elif root.tag == "PubmedArticleSet":
        articles = root.findall("PubmedArticle")
    else:
        raise ImportParseError(name, reader.lines.get(id(root)), f"the root element is <{root.tag}>, not "
                                                                "<PubmedArticleSet> (a PubMed XML export)")
    if not articles:
        raise ImportParseError(name, None, "no <PubmedArticle> records found")
    if len(articles) > MAX_RECORDS:
        raise ImportParseError(name, None, f"more than {MAX_RECORDS:,} records in one file; split the file")
    return [_checked(_from_pubmed(article, name, reader.lines.get(id(article))), name, reader.lines.get(id(article)))
            for article in articles]


def _from_pubmed(article: Element, name: str, line: int | None) -> CitationIn:
    citation = article.find("MedlineCitation")
    art = citation.find("Article") if citation is not None else None
    if art is None:
        raise ImportParseError(name, line, "this <PubmedArticle> has no <MedlineCitation>/<Article>")
    title = _text(art.find("ArticleTitle")) or _text(art.find("VernacularTitle"))
    if not title:
        raise ImportParseError(name, line, "this <PubmedArticle> has no <ArticleTitle>")
    authors = []
    for author in art.findall("AuthorList/Author"):
        last, initials = _text(author.find("LastName")), _text(author.find("Initials"))
        collective = _text(author.find("CollectiveName"))
        if last:
            authors.append(f"{last} {initials}".strip())
        elif collective:
            authors.append(collective)
    journal = art.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    year = None
    if issue is not None:
        year = _year(_text(issue.find("PubDate/Year")) or _text(issue.find("PubDate/MedlineDate")))
    if year is None:
        year = _year(_text(art.find("ArticleDate/Year")))
    doi = ""
    for loc in art.findall("ELocationID"):
        if loc.get("EIdType") == "doi":
            doi = _clean_doi(_text(loc))
    if not doi:
        for ident in article.findall("PubmedData/ArticleIdList/ArticleId"):
            if ident.get("IdType") == "doi":
                doi = _clean_doi(_text(ident))
    parts = []
    for abstract in art.findall("Abstract/AbstractText"):
        label = abstract.get("Label")
        body = _text(abstract)
        parts.append(f"{label}: {body}" if label and body else body)
    pmid = _text(citation.find("PMID"))
    return CitationIn(
        title=title,
        authors=authors,
        journal=(_text(journal.find("ISOAbbreviation")) or _text(journal.find("Title")))
        if journal is not None else "",
        year=year,
        volume=_text(issue.find("Volume")) if issue is not None else "",
        issue=_text(issue.find("Issue")) if issue is not None else "",
        pages=_text(art.find("Pagination/MedlinePgn")),
        doi=doi,
        pmid=pmid if pmid.isdigit() else "",
        abstract=" ".join(p for p in parts if p),
    )
