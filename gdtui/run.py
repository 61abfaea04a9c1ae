"""``gdtui run``: train a scenario without the app, print its records, optionally export them.

A long run shows a progress bar on standard error when that is a terminal, and stops cleanly:
the first SIGINT (ctrl+c) or SIGTERM ends it after the record being made, with everything
printed and exported up to there; a second one, while it trains, ends it at once, exporting
nothing (the files being written are temporary files until the end, see gdtui.atomic).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

from .safe_text import print_line, printable

if TYPE_CHECKING:
    from rich.progress import Progress

    from .engine import EpochRecord, StepRecord, Trainer
    from .scenario import Scenario

# The longest run: about two days of steps here, and the trainer's per-step error trace (kept
# for the export) grows with it.
MAX_STEPS = 1_000_000_000

Record = TypeVar("Record")


class RunError(Exception):
    """A run that cannot start or finish (a folder it cannot write): one line, exit status 2."""


def run(
    name: str,
    steps: int | None = None,
    epochs: int | None = None,
    overrides: Sequence[str] = (),
    fmt: str | None = None,
    out: str | None = None,
) -> int:
    """Train the scenario ``name`` (a shipped name or a path): ``steps`` steps, or ``epochs``
    epochs (0: measure only), or what the scenario asks for (else one epoch of steps). Print the
    records to stdout in ``fmt`` (book, jsonl or table: table on a terminal, else jsonl) and,
    with ``out``, write the export files into that folder. Returns the exit status (0, or 128
    plus the signal that stopped it). Raises ScenarioError, RunError or OutputError."""
    from .engine import Trainer
    from .scenario import load_scenario, resolve

    scenario = load_scenario(resolve(name), overrides)
    trainer = Trainer(scenario.problem)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if epochs is None and steps is None:
        epochs = scenario.epochs
    if epochs is None:
        count = steps if steps is not None else scenario.steps
        count = trainer.epoch_length if count is None else count
        unit, length = "steps", count
    else:
        count, unit, length = epochs, "epochs", epochs * trainer.epoch_length
    if length > MAX_STEPS:
        what = f"{count:,} steps" if epochs is None else f"{count:,} epochs ({length:,} steps)"
        raise RunError(f"gdtui: {what} are more than a run may take ({MAX_STEPS:,} steps)")
    if out is not None:
        _make_folder(out)  # before training: a long run should not fail at its end
    # Progress goes to stderr, unless the records themselves scroll past on the same terminal.
    shown = sys.stderr.isatty() and not (fmt != "table" and sys.stdout.isatty())
    records = None
    with _Stop() as stop, _Progress(scenario.name, count, unit, shown) as progress:
        try:
            if epochs is not None:
                paths = _epoch_run(trainer, scenario, epochs, fmt, out, stop, progress.advance)
            else:
                records = _watched(trainer.run(count), stop, progress.advance)
                paths = _step_run(trainer, scenario, records, fmt, out, stop)
        except KeyboardInterrupt:
            progress.close()
            if records is not None:
                records.close()  # the trainer takes back the steps not printed (engine.book)
            where = f"; nothing written to {printable(out)}" if out is not None else ""
            print_line(
                f"gdtui: stopped at once by a second signal at step {trainer.steps:,}{where}"
            )
            return 128 + (stop.signal or signal.SIGINT)
    wrote = f"wrote {len(paths)} files to {printable(out)}" if out is not None else ""
    if stop.signal is not None:
        at = f"{unit[:-1]} {progress.done:,} of {count:,}"
        name = signal.Signals(stop.signal).name
        print_line(f"gdtui: stopped by {name} after {at}" + (f"; {wrote}" if wrote else ""))
        return 128 + stop.signal
    if wrote:
        print_line(f"gdtui: {wrote}")
    if trainer.state.diverged:
        print_line(
            f"gdtui: diverged at step {trainer.steps} (alpha {trainer.state.alpha:g}): "
            "the numbers overflowed; try a smaller alpha"
        )
    return 0


def _make_folder(folder: str) -> None:
    if not folder.strip():
        raise RunError("gdtui: --out needs a folder name (see 'gdtui run --help')")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise RunError(f"gdtui: cannot create the folder {folder!r}: {reason}") from None


def _epoch_run(
    trainer: Trainer,
    scenario: Scenario,
    epochs: int,
    fmt: str,
    out: str | None,
    stop: _Stop,
    advance: Callable[[], None],
) -> list[Path]:
    from .output import write_records

    records = _watched(_epochs(trainer, epochs), stop, advance)
    write_records(records, fmt, sys.stdout, scenario.name)
    if out is None:
        return []
    from .export import export_all  # only here: it loads the session code too

    stop.finishing = True
    with _writing_to(out):
        return export_all(Path(out), scenario, trainer, show="epochs")


def _step_run(
    trainer: Trainer,
    scenario: Scenario,
    records: Iterator[StepRecord],
    fmt: str,
    out: str | None,
    stop: _Stop,
) -> list[Path]:
    """Print the records; with ``out``, write the history files from them as they come (so
    none is kept in memory), then the weights and the scenario."""
    from .output import write_records

    if out is None:
        write_records(records, fmt, sys.stdout, scenario.name)
        return []
    from .export import HistoryWriter, export_state

    dest = Path(out)
    with _writing_to(out):
        csv_path, jsonl_path = dest / "history.csv", dest / "history.jsonl"
        with HistoryWriter(csv_path, jsonl_path, trainer.problem, full=True) as history:
            write_records(_tee(records, history.add), fmt, sys.stdout, scenario.name)
            stop.finishing = True  # from here on every file is finished, even on a signal
        return [*history.paths, *export_state(dest, scenario, trainer)]


@contextmanager
def _writing_to(folder: str) -> Iterator[None]:
    """Turns a failure to write into ``folder`` into a one-line RunError."""
    try:
        yield
    except BrokenPipeError:
        raise  # stdout's reader went away: the command ends quietly (and nothing is exported)
    except OSError as error:
        reason = error.strerror or error
        raise RunError(f"gdtui: cannot write to {folder!r}: {reason}") from None


def _tee(records: Iterator[StepRecord], add: Callable[[StepRecord], None]) -> Iterator[StepRecord]:
    for record in records:
        add(record)
        yield record


def _epochs(trainer: Trainer, count: int) -> Iterator[EpochRecord]:
    from .engine import measure

    if count == 0:
        yield measure.evaluate(trainer.problem, trainer.state)
        return
    yield from trainer.run_epochs(count)


def _watched(
    records: Iterator[Record], stop: _Stop, advance: Callable[[], None]
) -> Generator[Record, None, None]:
    """The records, each counted once it has been printed, until a signal asks to stop."""
    for record in records:
        yield record
        advance()
        if stop.signal is not None:
            return


class _Stop:
    """While the run trains, SIGINT and SIGTERM set ``signal`` (the run then ends after its
    current record); a second one raises KeyboardInterrupt, unless the run is ``finishing``
    (writing its last files), which it always completes."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self.finishing = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for number in (signal.SIGINT, signal.SIGTERM):
                self._previous[number] = signal.signal(number, self._caught)
        return self

    def __exit__(self, *_: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _caught(self, number: int, _: FrameType | None) -> None:
        if self.signal is not None and not self.finishing:
            raise KeyboardInterrupt
        self.signal = self.signal or number


class _Progress:
    """A Rich progress bar of the run on standard error (when ``shown``), gone once it ends;
    ``done`` counts the records either way."""

    def __init__(self, title: str, total: int, unit: str, shown: bool) -> None:
        self.done = 0
        self._bar: Progress | None = None
        if shown:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
            from rich.table import Column

            # Fits 80 columns: a long name is cut short, the counts are never.
            name = Column(max_width=16, no_wrap=True, overflow="ellipsis")
            self._bar = Progress(
                TextColumn("{task.description}", markup=False, table_column=name),
                BarColumn(bar_width=12),
                TextColumn(f"{{task.completed:,}}/{{task.total:,}} {unit}", markup=False),
                TimeElapsedColumn(),
                TextColumn("ctrl+c stops", style="dim"),
                console=Console(stderr=True),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task(printable(title), total=total)

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def advance(self) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __exit__(self, *_: object) -> None:
        self.close()
