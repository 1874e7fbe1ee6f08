"""Citation import: arbitrary bytes and mutated RIS / MEDLINE (nbib) / PubMed XML files.  Parsing either returns
records (which then import in one transaction) or raises ImportParseError naming the file (and the line where one
is known) — never another exception — and a failed import commits nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from atgdesk.library.importers import ImportParseError, parse_file
from atgdesk.library.userstore import CitationIn, UserStore
from tests.fuzz.conftest import count, fuzz_settings
from tests.library.test_importers import NBIB, RIS, XML

SAMPLES = {"ris": RIS.encode(), "nbib": NBIB.encode(), "xml": XML}
EXTRA_LINES = [b"ER  -", b"TY  - JOUR", b"TI  - ", b"TI  - <b>x</b>", b"      continued", b"PMID- 1", b"AU  -",
               b"<PubmedArticle>", b"</PubmedArticle>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
               b'<!ENTITY % p SYSTEM "http://x">', b"\xff\xfe", b"\x00", b"\xef\xbb\xbf", b"", b"   ", b"\r"]


@st.composite
def mutated_files(draw):
    kind = draw(st.sampled_from(sorted(SAMPLES)))
    lines = SAMPLES[kind].split(b"\n")
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["drop", "insert", "replace", "cut", "flip"]))
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        if action == "drop":
            lines.pop(i)
        elif action == "insert":
            lines.insert(i, draw(st.sampled_from(EXTRA_LINES) | st.binary(max_size=20)))
        elif action == "replace":
            lines[i] = draw(st.sampled_from(EXTRA_LINES) | st.binary(max_size=20))
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + bytes([draw(st.integers(0, 255))]) + lines[i][j + 1:]
    return kind, b"\n".join(lines)


def _import(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    store = UserStore.open(tmp_path / "user.sqlite")
    try:
        store.import_citations([CitationIn("Already there", pmid="1")], "old.ris", "ris")
        before = store.imported()
        try:
            parsed = parse_file(path)
        except ImportParseError as exc:
            message = str(exc)
            assert message.startswith(f"{name}"), message
            assert exc.file == name
            if exc.line is not None:
                assert message.startswith(f"{name}, line {exc.line}: ")
                assert exc.line >= 1
            assert store.imported() == before  # nothing committed
            return None
        assert parsed.records
        assert parsed.format in ("ris", "nbib", "pubmed-xml")
        for rec in parsed.records:
            assert isinstance(rec.title, str) and rec.title.strip()
            assert rec.year is None or 1500 <= rec.year <= 2100
        report = store.import_citations(parsed.records, name, parsed.format)
        assert len(store.imported()) == len(before) + len(report.added)
        return parsed
    finally:
        store.close()


@fuzz_settings()
@given(data=st.binary(max_size=600), ext=st.sampled_from(["ris", "nbib", "xml", "txt"]))
def test_fuzz_import_arbitrary_bytes_gives_a_named_error_or_records(tmp_path_factory, data, ext):
    count("import-bytes")
    _import(tmp_path_factory.mktemp("imp"), f"fuzz.{ext}", data)


@fuzz_settings(2.0)
@given(case=mutated_files())
def test_fuzz_import_mutated_ris_nbib_xml_gives_a_named_error_or_records(tmp_path_factory, case):
    count("import-mutated")
    kind, data = case
    _import(tmp_path_factory.mktemp("imp"), f"fuzz.{kind}", data)


@fuzz_settings()
@given(text=st.text(max_size=400), ext=st.sampled_from(["ris", "nbib", "xml"]))
def test_fuzz_import_arbitrary_text_gives_a_named_error_or_records(tmp_path_factory, text, ext):
    count("import-text")
    _import(tmp_path_factory.mktemp("imp"), f"fuzz.{ext}", text.encode("utf-8", "surrogatepass"))


def test_import_xml_declaring_an_unknown_encoding_is_a_named_error(tmp_path):
    """Found by fuzzing: expat raised LookupError for an unknown encoding name in the XML declaration."""
    data = XML.replace(b'encoding="UTF-8"', b'encoding="ATF-8"')
    assert b"ATF-8" in data
    assert _import(tmp_path, "fuzz.xml", data) is None
