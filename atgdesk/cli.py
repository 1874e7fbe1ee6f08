"""Command line: ``atgdesk`` with no arguments starts the GUI; subcommands are headless and scriptable.

Every failure caused by input ends in one line on stderr (``atgdesk: error: …`` naming the argument) and a
non-zero exit status; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence

from atgdesk import __version__, codecache
from atgdesk.commands import CommandError

# Subcommand modules, each exposing register(subparsers).  Imported only when a subcommand runs, so that
# starting the GUI does not pay for them.
COMMAND_MODULES = (
    "atgdesk.commands.library_cmds",   # search, show, export, build-db
    "atgdesk.commands.pk_cmds",        # models, simulate
    "atgdesk.commands.levels_cmds",    # levels (exposure from measured concentrations)
)

EXIT_USAGE = 2
EXIT_INTERNAL = 70


# Every character str.splitlines() breaks on, shown escaped so that an echoed argument cannot split a message.
_LINE_BREAKS = str.maketrans({ch: repr(ch)[1:-1] for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def one_line(text: str) -> str:
    """``text`` with its line breaks escaped (error messages echo what the user typed)."""
    return str(text).translate(_LINE_BREAKS)


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports errors in one line (no usage dump) and exits with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)} (see '{self.prog} --help')\n")


def build_parser() -> OneLineParser:
    parser = OneLineParser(
        prog="atgdesk",
        description="ATG Desk: offline evidence library and dose/exposure calculator for anti-thymocyte globulin. "
        "Run without arguments to start the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"ATG Desk {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="start the GUI (offscreen without a display), build every area, run one search and "
                             "one simulation, paint once and quit; exit status 0 when everything worked")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder for the user database and logs (default: the platform's app-data folder; "
                             "ATGDESK_HOME also sets it)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _wants_gui(argv: Sequence[str]) -> bool:
    """No subcommand and no help/version request: the GUI (or its smoke run) is wanted."""
    rest = [a for a in argv if a not in ("--smoke",)]
    i = 0
    while i < len(rest):
        if rest[i] == "--data-dir":
            i += 2
            continue
        if rest[i].startswith("--data-dir="):
            i += 1
            continue
        return False
    return True


def _gui_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the few GUI options without importing the subcommand modules (keeps start-up lean)."""
    p = OneLineParser(prog="atgdesk", add_help=False)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--data-dir")
    return p.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Before any of the app's dataclasses is defined: their methods compiled at build time (atgdesk.codecache).
    codecache.install()
    try:
        if _wants_gui(argv):
            args = _gui_args(argv)
            if args.data_dir:
                from atgdesk import paths
                paths.set_user_dir(args.data_dir)
            from atgdesk import app
            return app.run_smoke() if args.smoke else app.run_gui()
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.data_dir:
            from atgdesk import paths
            paths.set_user_dir(args.data_dir)
        if args.smoke:
            parser.error("--smoke cannot be combined with a subcommand")
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
        return _run_whole_output(args.func, args)
    except CommandError as exc:
        print(f"atgdesk: error: {one_line(exc)}", file=sys.stderr)
        return exc.status
    except ValueError as exc:  # the core names the field in its ValueError messages
        print(f"atgdesk: error: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("atgdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: one line, details in the log, never a traceback
        _log_internal_error(exc)
        print(f"atgdesk: internal error: {type(exc).__name__}: {one_line(exc)}", file=sys.stderr)
        return EXIT_INTERNAL


def _run_whole_output(func, args) -> int:
    """Run a subcommand with its standard output held back until it has finished: a command that fails half-way
    (e.g. a value JSON cannot hold, found while writing) prints its one-line error and no unfinished output."""
    real = sys.stdout
    held = io.StringIO()
    sys.stdout = held
    try:
        status = int(func(args) or 0)
    finally:
        sys.stdout = real
    real.write(held.getvalue())
    real.flush()
    return status


def _log_internal_error(exc: BaseException) -> None:
    try:
        from atgdesk.logsetup import log_exception
        log_exception(exc)
    except Exception:
        pass


def gui_main() -> int:
    """Entry point of the ``atgdesk-gui`` script (no console window on Windows)."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
