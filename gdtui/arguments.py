"""The command line's argparse parsers: the commands' (``build_parser``) and the app's
(``app_parser``), imported only for a command line that needs one (``gdtui`` and ``gdtui
SCENARIO`` are read without argparse: see ``cli._app_options``)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from . import __version__
from .cli import UsageError


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and an exception, not a usage dump and exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> Parser:
    parser = Parser(
        prog="gdtui",
        description="Watch gradient descent learn: chapter 5 of Grokking Deep Learning.",
        epilog="The app: 'gdtui [SCENARIO]' opens it (on the picker without a scenario), "
        "'gdtui --resume FILE' on a saved session, 'gdtui --web [--port N] [--host H] "
        "[SCENARIO]' serves it to a web browser on 127.0.0.1.",
    )
    parser.add_argument("--version", action="version", version=f"gdtui {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    run = sub.add_parser("run", help="train a scenario headlessly and print its records")
    run.add_argument("scenario", help="a shipped scenario's name or a path to a .yaml file")
    length = run.add_mutually_exclusive_group()
    length.add_argument("--steps", type=_count, metavar="N", help="take N steps")
    length.add_argument(
        "--epochs", type=_count, metavar="N", help="train N epochs, a record each (0: measure only)"
    )
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        dest="overrides",
        help="override a scenario key by dotted path, e.g. alpha=0.3 (repeatable)",
    )
    run.add_argument(
        "--format",
        choices=("book", "jsonl", "table"),
        default=None,
        help="book: the notebook's printout; jsonl: one JSON object per record; "
        "table: for people (the default on a terminal, jsonl otherwise)",
    )
    run.add_argument(
        "--out",
        metavar="DIR",
        help="also write history.csv, history.jsonl, weights.csv, weights.npy and "
        "scenario.yaml into DIR (created if missing)",
    )
    run.add_argument(
        "--threads",
        type=_positive,
        metavar="N",
        help="BLAS threads for NumPy (default 1, as the app: these networks are too small to "
        "gain from more, and more are much slower on a busy machine)",
    )

    validate = sub.add_parser(
        "validate", help="check scenario and lesson files and report every problem"
    )
    validate.add_argument("files", nargs="+", metavar="FILE")

    sub.add_parser("list", help="list shipped and user scenarios and lessons")

    lesson = sub.add_parser("lesson", help="take a guided lesson: pages beside the simulator")
    lesson.add_argument("lesson", metavar="NAME|FILE", help="a lesson's name (chapter5) or file")
    lesson.add_argument(
        "--restart", action="store_true", help="start at page 1, forgetting the saved progress"
    )
    lesson.add_argument("--theme", metavar="NAME", help="a Textual theme, as for the app")
    add_web_options(lesson, "serve the lesson to web browsers, each from page 1 on its own")
    # What each browser's process of --web runs: page 1, and no progress read or saved.
    lesson.add_argument("--fresh", action="store_true", help=argparse.SUPPRESS)

    new = sub.add_parser("new", help="write a commented starter scenario to your scenarios folder")
    new.add_argument("name", help="its name: letters, digits, '-' and '_' (open it: gdtui NAME)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    data = sub.add_parser("data", help="datasets: what is here, and downloading MNIST")
    data_sub = data.add_subparsers(dest="data_command", parser_class=Parser, metavar="ACTION")
    data_sub.required = True
    fetch = data_sub.add_parser("fetch", help="download a dataset and verify it")
    fetch.add_argument("dataset", choices=("mnist",))
    fetch.add_argument(
        "--mirror", action="append", metavar="URL", help="download from URL (repeatable)"
    )
    fetch.add_argument("--dest", metavar="DIR", help="where to put the files")
    data_sub.add_parser("info", help="show the datasets available")
    return parser


def _count(text: str) -> int:
    from .run import MAX_STEPS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 0 <= value <= MAX_STEPS:
        raise argparse.ArgumentTypeError(f"expected 0 to {MAX_STEPS:,}, got {value:,}")
    return value


def app_parser() -> Parser:
    """The options of ``gdtui [SCENARIO]``: the app, on a scenario, a session or the web."""
    parser = Parser(prog="gdtui", description="Open the app on a scenario, or on the picker.")
    parser.add_argument("scenario", nargs="?", help="a shipped scenario's name or a .yaml path")
    parser.add_argument("--resume", metavar="FILE", help="reopen a saved session at its step")
    add_web_options(parser, "serve the app to a web browser")
    parser.add_argument(
        "--theme", metavar="NAME", help="a Textual theme, e.g. textual-light, gdtui-high-contrast"
    )
    return parser


def add_web_options(parser: Parser, what: str) -> None:
    parser.add_argument("--web", action="store_true", help=what)
    parser.add_argument("--port", type=_port, metavar="N", help="--web's port (default 8000)")
    parser.add_argument(
        "--host", metavar="H", help="--web's address (default 127.0.0.1: this computer only)"
    )
    parser.add_argument(
        "--max-sessions", type=_positive, metavar="N", help="--web's sessions at once (default 8)"
    )


def _positive(text: str) -> int:
    value = _count(text)
    if value == 0:
        raise argparse.ArgumentTypeError("expected 1 or more, got 0")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {value}")
    return value
