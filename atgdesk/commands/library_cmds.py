"""Library subcommands: ``search``, ``show``, ``export`` and ``build-db``.

Arguments are taken as text and validated here so that every mistake ends in one line naming the argument
(raised as :class:`CommandError`); a missing or damaged database ends in one line saying to run ``make db``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from atgdesk import paths
from atgdesk.commands import CommandError

EXIT_DATABASE = 3  # same status as the GUI uses for an unusable evidence database

# CLI option → (SearchFilters field, vocabulary facet or None for journals).
_FILTER_OPTIONS = (
    ("design", "designs", "design"),
    ("species", "species", "species"),
    ("setting", "settings", "setting"),
    ("product", "products", "product"),
    ("evidence_level", "evidence_levels", "evidence_level"),
    ("journal", "journals", None),
    ("kind", "kinds", "kind"),  # study (the seed studies) or dosing-reference
)


def register(subparsers) -> None:
    """Register the library subcommands."""
    search = subparsers.add_parser(
        "search", help="search the evidence library (ranked hits)",
        description="Search the bundled evidence library. The last word is matched as a prefix; a \"quoted "
                    "phrase\" is matched as a phrase; Chinese text is matched as a substring.")
    search.add_argument("query", metavar="QUERY", help="search text ('' lists every study)")
    search.add_argument("--json", action="store_true", help="print a JSON list instead of one line per hit")
    search.add_argument("--limit", metavar="N", help="at most N hits")
    search.add_argument("--sort", metavar="ORDER", default="rank",
                        help="rank (default), year, year-asc, author, title, journal, author-desc, title-desc "
                             "or journal-desc")
    _add_filter_options(search)
    search.set_defaults(func=run_search)

    show = subparsers.add_parser(
        "show", help="show one study as the study view shows it",
        description="Show one study (or dosing & PK reference): citation, summary fields with where each came "
                    "from, each finding with its source and status, identifiers with their status, and "
                    "corrections to the seed text.")
    show.add_argument("study_id", metavar="STUDY_ID", help="a study id such as scheinberg2011 (see 'search')")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(func=run_show)

    export = subparsers.add_parser(
        "export", help="export citations (whole library by default)",
        description="Export the whole library, or the hits of --query, as CSL-JSON, RIS, BibTeX or MEDLINE/nbib.")
    export.add_argument("--format", required=True, choices=("csl-json", "ris", "bibtex", "nbib"))
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    export.add_argument("--query", metavar="Q", help="export only the studies matching Q (in rank order)")
    _add_filter_options(export)
    export.set_defaults(func=run_export)

    build = subparsers.add_parser(
        "build-db", help="rebuild the bundled evidence database from data/",
        description="Validate the curated sources in data/ and build the read-only evidence database.")
    build.add_argument("--data", metavar="DIR", help=f"data folder (default: {paths.data_dir()})")
    build.add_argument("--output", metavar="PATH", help=f"database file (default: {paths.bundled_db_path()})")
    build.set_defaults(func=run_build_db)


def _add_filter_options(parser) -> None:
    parser.add_argument("--year-min", metavar="YEAR", help="only studies published in or after YEAR")
    parser.add_argument("--year-max", metavar="YEAR", help="only studies published in or before YEAR")
    for option, _, facet in _FILTER_OPTIONS:
        what = "journal abbreviation" if facet is None else (
            "kind of entry: study or dosing-reference" if facet == "kind" else
            f"{facet.replace('_', ' ')} key (see data/vocab.toml) or not-stated")
        parser.add_argument(f"--{option.replace('_', '-')}", dest=option, metavar="KEY", action="append",
                            default=[], help=f"{what}; repeat for any of several")


def _positive_int(value: str | None, option: str) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"{option} must be a positive whole number, got {value!r}")
    return number


def _year(value: str | None, option: str) -> int | None:
    if value is None:
        return None
    try:
        year = int(value.strip())
    except ValueError:
        raise CommandError(f"{option} must be a year such as 2010, got {value!r}") from None
    if not 1000 <= year <= 9999:
        raise CommandError(f"{option} must be a four-digit year, got {value!r}")
    return year


def open_library():
    """The bundled library, or a one-line CommandError telling the user to rebuild it."""
    from atgdesk.library.db import LibraryError, open_bundled
    try:
        return open_bundled(paths.bundled_db_path())
    except LibraryError as exc:
        raise CommandError(str(exc), status=EXIT_DATABASE) from None


def _filters(args, library):
    from atgdesk.library.records import SearchFilters
    year_min = _year(args.year_min, "--year-min")
    year_max = _year(args.year_max, "--year-max")
    if year_min is not None and year_max is not None and year_min > year_max:
        raise CommandError(f"--year-min ({year_min}) is after --year-max ({year_max})")
    values = {}
    for option, field, facet in _FILTER_OPTIONS:
        given = tuple(getattr(args, option))
        if facet == "kind":
            from atgdesk.library.search import KINDS
            known = dict(KINDS)
        else:
            known = dict(library.vocabulary(facet) if facet else library.journals())
        if facet and facet != "kind":  # every facet has studies that state nothing for it: "--design not-stated" lists them
            from atgdesk.library.search import NOT_STATED
            known[NOT_STATED] = "not stated"
        unknown = [k for k in given if k not in known]
        if unknown:
            flag = f"--{option.replace('_', '-')}"
            raise CommandError(f"{flag}: unknown key {unknown[0]!r}; known: {', '.join(known)}")
        values[field] = given
    return SearchFilters(year_min=year_min, year_max=year_max, **values)


def run_search(args) -> int:
    """``atgdesk search``: ranked hits, one line each (rank, first author year, title, journal) or JSON."""
    from atgdesk.library.search import SORTS
    limit = _positive_int(args.limit, "--limit")
    if args.sort not in SORTS:
        raise CommandError(f"--sort must be one of {', '.join(SORTS)}, got {args.sort!r}")
    with open_library() as library:
        hits = library.search(args.query, _filters(args, library), sort=args.sort, limit=limit)
    if args.json:
        out = [{"rank": i, "id": h.id, "first_author": h.first_author, "authors": h.authors_short,
                "year": h.year, "title": h.title, "journal": h.journal, "volume": h.volume, "issue": h.issue,
                "pages": h.pages, "design": h.design, "species": list(h.species), "settings": list(h.settings),
                "products": list(h.products), "evidence_level": h.evidence_level, "kind": h.kind,
                "score": h.score}
               for i, h in enumerate(hits, start=1)]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for i, h in enumerate(hits, start=1):
        title = " ".join(h.title.split()) or "(title not recorded)"
        badge = " [dosing & PK reference]" if h.is_reference else ""
        who = " ".join(str(x) for x in (h.first_author, h.year or "") if x)  # a label has no year
        print(f"{i:>3}. {who}. {title} {h.journal}.{badge}")
    if not hits:
        print("no studies match", file=sys.stderr)
    return 0


def run_show(args) -> int:
    """``atgdesk show STUDY_ID``: one study as text or JSON; an unknown id is a one-line error (status 2)."""
    from atgdesk.library.cite import format_details
    from atgdesk.library.db import StudyNotFoundError
    from atgdesk.library.present import show_dict, show_text
    study_id = args.study_id.strip()
    with open_library() as library:
        try:
            detail = library.get(study_id)
        except StudyNotFoundError:
            raise CommandError(f"STUDY_ID: no study has the id {study_id!r} (find ids with 'atgdesk search')") \
                from None
        citation = format_details([detail])[0]
    if args.json:
        print(json.dumps(show_dict(detail, citation), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(show_text(detail, citation))
    return 0


def run_export(args) -> int:
    """``atgdesk export``: the whole library (or the hits of --query) in one citation format."""
    from atgdesk.library.formats import export
    with open_library() as library:
        filters = _filters(args, library)
        if args.query is not None or filters != type(filters)():
            ids = [h.id for h in library.search(args.query or "", filters)]
        else:
            ids = library.all_ids()
        text = export(library.details(ids), args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from atgdesk.fileio import FileRefused, atomic_write_text
    target = Path(args.output)
    try:  # a temporary file in the target folder, fsync, rename: never a partial file, never a device replaced
        atomic_write_text(target, text)
    except FileRefused as exc:
        raise CommandError(f"--output: {exc}") from None
    except OSError as exc:
        raise CommandError(f"--output: cannot write {str(target)!r}: {exc.strerror or exc}") from None
    print(f"exported {len(ids)} studies as {args.format} to {target}", file=sys.stderr)
    return 0


def run_build_db(args) -> int:
    """``atgdesk build-db``: validate data/ and build the database; prints count, data version and hash."""
    try:
        from atgdesk.builder.build import build_database
    except ImportError as exc:
        raise CommandError(f"build-db needs the build-time tools ({exc.name}); install them with "
                           "pip install -e '.[db]'") from None
    data = Path(args.data) if args.data else paths.data_dir()
    out = Path(args.output) if args.output else paths.bundled_db_path()
    if not data.is_dir():
        raise CommandError(f"--data: folder not found: {str(data)!r}")
    try:
        report = build_database(data, out)
    except ValueError as exc:  # DataError: names file and field
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"--output: cannot write {str(out)!r}: {exc.strerror or exc}") from None
    print(f"built {report.out_path}: {report.study_count} studies, data version {report.data_version}, "
          f"content hash {report.content_hash}")
    return 0
