"""Every subcommand with arbitrary arguments, run in-process through ``atgdesk.cli.main``: an int exit status,
never an internal error or a traceback, and JSON output without NaN or infinity."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atgdesk import cli
from tests.fuzz.conftest import LIBRARY_FIXTURES, ROOT, SHIPPED_MODEL, count, fuzz_settings

EXAMPLE_LEVELS = ROOT / "tests" / "core" / "data" / "example_au.csv"
NUMBERS = st.one_of(
    st.sampled_from(["0", "-1", "1", "2.5", "70", "100", "1e308", "-1e308", "nan", "inf", "-inf", "NaN", "1e-9",
                     "", " ", "x", "1,2", "10**3", "0x10", "１"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**6, 10**6).map(str),
)
TEXT = st.text(max_size=20)
REGIMENS = st.one_of(st.sampled_from(["2.5mg/kg@-3,-2/6h", "1.5mg/kg@-4..-1/6h,4h,4h,4h", "100mg@-1.5/4h",
                                      "2.5mg/kg@-3..-1/6h;100mg@0/4h", "0mg@0/0h", "1e400mg@0/1h",
                                      "9999999mg/kg@0/1h", "2mg@-400/1h", "2mg@0/-1h", "@/", ";"]), TEXT)
MODELS = st.one_of(st.sampled_from(["illustrative-rabbit-atg-active", str(SHIPPED_MODEL), "nope", "x.toml",
                                    "bad.toml", "hostile.toml", ".", ""]), TEXT)
FILTER_VALUES = st.one_of(st.sampled_from(["rct", "review", "human", "kidney-transplant", "rabbit-thymoglobulin",
                                           "1", "Blood", ""]), TEXT)
FLAG = st.just(None)

FILTERS = {"--year-min": NUMBERS, "--year-max": NUMBERS, "--design": FILTER_VALUES, "--species": FILTER_VALUES,
           "--setting": FILTER_VALUES, "--product": FILTER_VALUES, "--evidence-level": FILTER_VALUES,
           "--journal": FILTER_VALUES}
OPTIONS = {
    "search": {"--json": FLAG, "--limit": NUMBERS, "--sort": st.sampled_from(["rank", "year", "year-asc", "author",
                                                                            "title", "journal", "x", ""]),
               **FILTERS},
    "export": {"--format": st.sampled_from(["csl-json", "ris", "bibtex", "nbib", "x"]),
               "--output": st.sampled_from(["out.txt", "sub/out.txt", "", ".", "/proc/nope/x"]) | TEXT,
               "--query": TEXT, **FILTERS},
    "build-db": {"--data": st.sampled_from([str(LIBRARY_FIXTURES), "nope", ".", "", "data.txt"]),
                 "--output": st.sampled_from(["out.sqlite", "sub/out.sqlite", "", ".", "/proc/nope/x.sqlite"])},
    "models": {"--json": FLAG, "--folder": st.sampled_from([str(SHIPPED_MODEL.parent), ".", "nope", "models", ""])},
    "simulate": {"--model": MODELS, "--weight": NUMBERS, "--alc": NUMBERS, "--covariate": st.one_of(
        st.sampled_from(["weight_kg=70", "alc_per_nl=0.5", "x=1", "=1", "alc_per_nl=nan", "a"]), TEXT),
        "--regimen": REGIMENS, "--horizon": NUMBERS, "--threshold": NUMBERS, "--curve": FLAG,
        "--step": st.sampled_from(["0.05", "0.5", "1", "0", "-1", "nan", "inf", "x", "1e-9", "2"]),
        "--population": st.sampled_from(["1", "5", "50", "0", "-1", "100001", "x", "nan", "2.5"]),
        "--target": st.sampled_from(["admiraal2017-adult-ud-nma", "dekoning2018-cord-cd4", "nope", ""]) | TEXT,
        "--window": st.sampled_from(["60,95", "95,60", "0,1", "nan,1", "1", "a,b", "-1,5", "inf,inf"]),
        "--seed": NUMBERS, "--json": FLAG},
    "levels": {"--unit": st.sampled_from(["AU/mL", "mg/L", "ug/mL", "ng/mL", ""]) | TEXT, "--horizon": NUMBERS,
               "--terminal-points": NUMBERS, "--regimen": REGIMENS, "--weight": NUMBERS, "--model": MODELS,
               "--alc": NUMBERS, "--covariate": st.sampled_from(["alc_per_nl=0.5", "x=1", "=", "weight_kg=nan"]),
               "--compartments": st.sampled_from(["1", "2", "3", "x"]),
               "--error": st.sampled_from(["proportional", "combined", "x"]), "--additive-sd": NUMBERS,
               "--proportional-cv": NUMBERS, "--target-auc": NUMBERS,
               "--target-metric": st.sampled_from(["post", "total", "x"]),
               "--proposal": st.sampled_from(["scale", "equal", "x"]), "--as-of": NUMBERS, "--threshold": NUMBERS,
               "--json": FLAG},
}
POSITIONAL = {
    "search": st.one_of(TEXT, st.sampled_from(["thymoglobulin", "", "\"", "kidney*", "异基因"])),
    "levels": st.sampled_from(["levels.csv", "fuzzed.csv", "nope.csv", ".", ""]),
}
STRAY = st.sampled_from(["--help", "-h", "--version", "--nope", "-", "--", "extra", "--json=1", "--smoke"])


@st.composite
def argvs(draw, command: str):
    argv = [command]
    if command in POSITIONAL and draw(st.integers(0, 9)) > 0:
        argv.append(draw(POSITIONAL[command]))
    options = OPTIONS[command]
    for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=8)):
        value = draw(options[name])
        argv += [name] if value is None else [name, value]
    if draw(st.integers(0, 15)) == 0:
        argv.insert(draw(st.integers(1, len(argv))), draw(STRAY))
    return argv


CSV_TEXT = st.one_of(st.just(EXAMPLE_LEVELS.read_text(encoding="utf-8")),
                     st.text(max_size=80), st.sampled_from(["time_day,concentration,unit\n0,nan,AU/mL\n",
                                                            "time_day,concentration,unit\n0,1,AU/mL\n1,1e308,AU/mL\n",
                                                            "day,conc\n-1,5\n2,<LLOQ\n"]))
_NON_FINITE = re.compile(r"(?<![A-Za-z])-?(nan|inf)(?![A-Za-z])")  # how Python formats non-finite floats


def _no_constants(name):
    raise AssertionError(f"JSON output holds {name}")


@pytest.fixture
def cli_env(bundled_db, tmp_path, monkeypatch):
    """A private copy of the database (build-db may overwrite it) and a scratch working folder."""
    db = tmp_path / "atgdesk.sqlite"
    shutil.copyfile(bundled_db, db)
    monkeypatch.setenv("ATGDESK_DB", str(db))
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(EXAMPLE_LEVELS, work / "levels.csv")
    (work / "bad.toml").write_text("x = 1\n", encoding="utf-8")
    text = SHIPPED_MODEL.read_text(encoding="utf-8").replace('name = "', 'name = "<b>bold</b> ', 1)
    (work / "hostile.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(work)
    return work


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        status = 0 if exc.code is None else exc.code
    out, err = capsys.readouterr()
    assert isinstance(status, int), (argv, status)
    assert "Traceback" not in err and "Traceback" not in out, (argv, err)
    assert status != cli.EXIT_INTERNAL and "internal error" not in err, (argv, err)
    if status != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines, (argv, "failed without a message")
        assert lines[-1].startswith("atgdesk"), (argv, err)
        assert sum(not line.startswith("atgdesk: warning") for line in lines) == 1, (argv, err)
    helped = any(a in ("-h", "--help", "--version") for a in argv)
    if status == 0 and "--json" in argv and not helped and argv[0] != "export":
        json.loads(out, parse_constant=_no_constants)
    if status == 0 and argv[0] in ("simulate", "levels") and "--json" not in argv and not helped:
        assert not _NON_FINITE.search(out), (argv, out)
    return status, out, err


def _fuzz(command: str, scale: float = 1.0):
    @fuzz_settings(scale)
    @given(argv=argvs(command), csv_text=CSV_TEXT)
    def test(cli_env, capsys, argv, csv_text):
        count(f"cli-{command}")
        (cli_env / "fuzzed.csv").write_text(csv_text, encoding="utf-8", errors="surrogatepass")
        _run(capsys, argv)

    test.__name__ = f"test_fuzz_cli_{command.replace('-', '_')}_arguments_never_crash"
    return test


test_fuzz_cli_search_arguments_never_crash = _fuzz("search")
test_fuzz_cli_export_arguments_never_crash = _fuzz("export", 0.5)
test_fuzz_cli_build_db_arguments_never_crash = _fuzz("build-db", 0.25)
test_fuzz_cli_models_arguments_never_crash = _fuzz("models", 0.5)
test_fuzz_cli_simulate_arguments_never_crash = _fuzz("simulate", 1.0)
test_fuzz_cli_levels_arguments_never_crash = _fuzz("levels", 1.0)


def test_fuzz_cli_known_good_runs_succeed(cli_env, capsys):
    """The fuzzer's option tables are real: a plain run of each subcommand succeeds."""
    for argv in (["search", "thymoglobulin", "--json"], ["models", "--json"], ["export", "--format", "ris"],
                 ["simulate", "--model", "illustrative-rabbit-atg-active", "--weight", "70", "--alc", "0.5",
                  "--regimen", "2.5mg/kg@-3,-2/6h", "--json"],
                 ["levels", "levels.csv", "--regimen", "2.5mg/kg@-3,-2/6h", "--weight", "70", "--json"]):
        status, _, err = _run(capsys, argv)
        assert status == 0, (argv, err)


@pytest.mark.parametrize("argv", [
    ["levels", "--", "--additive-sd", "0", "--model", "\r"],  # found by fuzzing: argparse echoed the line break
    ["search", "x", "--sort", "a\nb"],
    ["simulate", "--model", "m", "--weight", "70", "--regimen", "1mg@0/1h", "--covariate", "x=\n1"],
    ["levels", "no\u2028such.csv"],
])
def test_cli_error_echoing_a_line_break_stays_on_one_line(cli_env, capsys, argv):
    status, _, err = _run(capsys, argv)
    assert status != 0
    assert len(err.splitlines()) == 1, err
