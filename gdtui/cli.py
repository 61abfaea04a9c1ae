"""The `gdtui` command line: parsing it, then the app or a command (``run`` is gdtui.run)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from . import BLAS_THREADS
from .safe_text import print_line, printable

if TYPE_CHECKING:
    import argparse

    from .app import GdtuiApp

COMMANDS = ("run", "validate", "list", "data", "new", "lesson")


class UsageError(Exception):
    """A bad command line: reported in one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # A character the terminal's encoding lacks (PYTHONIOENCODING=ascii) is written as \xe9.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    try:
        if (args and args[0] in COMMANDS) or any(
            a in ("-h", "--help", "--version") for a in args[:1]
        ):
            return _command(args)
        return _open_app(args)
    except UsageError as error:
        print_line(error)
        return 2
    except KeyboardInterrupt:
        print_line("gdtui: interrupted")
        return 130


def _command(args: list[str]) -> int:
    """A command: its errors are one line each, and standard output that cannot be written
    (closed, or on a full disk) is one too; a reader that went away ends it quietly."""
    if sys.stderr is None:  # started with 2>&-: print() would write errors to stdout instead
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    if sys.stdout is None:  # started with >&-
        print_line("gdtui: cannot write to standard output: it is closed")
        return 1
    from .arguments import build_parser

    try:
        options = build_parser().parse_args(args)  # --help and --version print here
    except BrokenPipeError:
        _discard_stdout()
        return 0
    except OSError as error:
        _discard_stdout()
        print_line(f"gdtui: cannot write to standard output: {error.strerror or error}")
        return 1
    if options.command == "run":
        pin_threads(options.threads)  # before the imports below load NumPy
    return _run_command(options)


def pin_threads(count: int | None) -> None:
    """Give NumPy's BLAS ``count`` threads; ``None`` keeps what importing gdtui set (one,
    unless the environment already chose). NumPy reads these variables once, as it loads, so
    this must run before anything imports it."""
    if count is not None:
        for name in BLAS_THREADS:
            os.environ[name] = str(count)


def _run_command(options: argparse.Namespace) -> int:
    from .output import OutputError
    from .run import RunError
    from .scenario import ScenarioError

    try:
        return _dispatch(options)
    except (ScenarioError, RunError) as error:
        print_line(error)
        return 2
    except BrokenPipeError:
        # The reader went away (`gdtui run ... | head`): stop quietly, as other tools do.
        _discard_stdout()
        return 0
    except OutputError as error:
        _discard_stdout()
        print_line(error)
        return 1
    except OSError as error:  # the commands turn their files' errors into messages: stdout's
        reason = error.strerror or error
        if error.filename is not None:
            print_line(f"gdtui: {error.filename}: {reason}")
        else:
            _discard_stdout()
            print_line(f"gdtui: cannot write to standard output: {reason}")
        return 1


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is left in its
    buffer does not fail again (and print a traceback) on the way out."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "run":
        from .run import run

        return run(args.scenario, args.steps, args.epochs, args.overrides, args.format, args.out)
    if args.command == "validate":
        from .library_commands import validate

        return validate(args.files)
    if args.command == "data":
        from .data_commands import fetch, info

        return fetch(args.dest, args.mirror) if args.data_command == "fetch" else info()
    if args.command == "new":
        return _new(args.name, args.force)
    if args.command == "lesson":
        from .lesson_command import take_lesson

        check_web_options(args, "gdtui lesson")
        web = args if args.web else None
        return take_lesson(args.lesson, args.restart, args.theme, web, fresh=args.fresh)
    from .library_commands import list_all

    return list_all()


def _new(name: str, force: bool) -> int:
    from .scenario.starter import StarterError, write_starter

    try:
        path = write_starter(name, force, reserved=COMMANDS)
    except StarterError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        reason = error.strerror or error
        raise UsageError(f"gdtui new: cannot write {name}.yaml: {reason}") from None
    print(f"wrote {printable(path)}")
    print(f"open it with 'gdtui {name}', train it with 'gdtui run {name}'")
    return 0


def _open_app(args: list[str]) -> int:
    """``gdtui [SCENARIO]``, ``gdtui --resume FILE``, ``gdtui --web ...``: load the scenario or
    the session first, so a bad file prints its one-line error (exit status 2) without starting
    Textual; then run the app on it (or on the picker), or serve it to browsers."""
    # (One BLAS thread, set by importing gdtui: these networks are far too small to gain from
    # more, and starting the thread pool is a good share of NumPy's import time.)
    # No garbage collection until the first frame: the modules, styles and widgets made until
    # then all live as long as the app, so the collector's ~160 passes over them (30-40 ms,
    # a tenth of the startup) would find nothing. The app turns it back on after that frame.
    gc.disable()
    try:
        return _start(args)
    finally:
        gc.enable()


def _app_options(args: list[str]) -> Any:
    """The app's options, as ``arguments.app_parser`` reads them. ``gdtui`` and ``gdtui
    SCENARIO``, the usual starts, are read here without argparse, whose import (with gettext's)
    and parser took ~2.5 ms of the first frame."""
    if len(args) <= 1 and not any(arg.startswith("-") for arg in args):
        return SimpleNamespace(
            scenario=args[0] if args else None,
            resume=None,
            web=False,
            port=None,
            host=None,
            max_sessions=None,
            theme=None,
        )
    from .arguments import app_parser

    return app_parser().parse_args(args)


def check_web_options(options: argparse.Namespace | SimpleNamespace, prog: str) -> None:
    if not options.web and any(
        option is not None for option in (options.port, options.host, options.max_sessions)
    ):
        raise UsageError(
            f"{prog}: --port, --host and --max-sessions go with --web (see '{prog} --help')"
        )


def _start(args: list[str]) -> int:
    options = _app_options(args)
    if options.theme is not None:
        from .themes import theme_names

        if options.theme not in theme_names():
            raise UsageError(
                f"gdtui: unknown theme {options.theme!r}; choose one of: {', '.join(theme_names())}"
            )
    if options.resume is not None and options.scenario is not None:
        raise UsageError("gdtui: give a scenario or --resume FILE, not both")
    check_web_options(options, "gdtui")

    scenario = session = None
    path = None
    named = False  # opened by name: a user scenario named like a shipped one says so
    if options.resume is not None:
        # Imported only here: opening a scenario (the usual start) need not pay for it.
        from .session import SessionError, load_session

        path = Path(options.resume).expanduser()
        try:
            session = load_session(path)
        except SessionError as error:
            print_line(error)
            return 2
    elif options.scenario is not None:
        from .scenario import ScenarioError, load_scenario, resolve

        try:
            path = resolve(options.scenario)
            scenario = load_scenario(path)
            named = path.stem == options.scenario
        except ScenarioError as error:
            print_line(error)
            return 2

    def remember() -> None:
        if scenario is not None and path is not None:
            from .recent import add_recent

            add_recent(path, scenario.name, scenario.summary)

    if options.web:
        remember()
        from .web import serve

        # Each browser gets its own gdtui process, on the same file wherever it starts.
        app_args = [] if path is None else [str(path.absolute())]
        if session is not None:
            app_args.insert(0, "--resume")
        if options.theme is not None:
            app_args += ["--theme", options.theme]
        name = session.scenario.name if session else scenario.name if scenario else None
        return serve(app_args, name, options)

    from .app import create_app

    app = create_app(scenario, session=session, theme=options.theme)
    app.after_first_frame.append(remember)  # bookkeeping: not worth delaying the screen for
    if named and path is not None:
        app.after_first_frame.append(lambda: _tell_replaced(app, path))
    app.run()
    return 0


def _tell_replaced(app: GdtuiApp, path: Path) -> None:
    """Say so when ``path`` is a user scenario that replaces the shipped one of its name (told
    once the first frame is up: looking it up lists the shipped folder)."""
    from .scenario import replaces

    note = replaces(path)
    if note is not None:
        app.tell(note, "warning", timeout=10)
