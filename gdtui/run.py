"""``gdtui run``: train a scenario without the app, print its records, optionally export them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .engine import EpochRecord, StepRecord, Trainer
    from .scenario import Scenario


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
    with ``out``, write the export files into that folder. Raises ScenarioError or RunError."""
    from .engine import Trainer
    from .output import write_records
    from .scenario import load_scenario, resolve

    scenario = load_scenario(resolve(name), overrides)
    trainer = Trainer(scenario.problem)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if out is not None:
        _make_folder(out)  # before training: a long run should not fail at its end
    if epochs is None and steps is None:
        epochs = scenario.epochs
    if epochs is not None:
        write_records(_epochs(trainer, epochs), fmt, sys.stdout, scenario.name)
        if out is not None:
            _export(out, scenario, trainer, None)
    else:
        count = steps if steps is not None else scenario.steps
        records = trainer.run(trainer.epoch_length if count is None else count)
        if out is None:
            write_records(records, fmt, sys.stdout, scenario.name)
        else:
            _export(out, scenario, trainer, (records, fmt))
    if trainer.state.diverged:
        print(
            f"gdtui: diverged at step {trainer.steps} (alpha {trainer.state.alpha:g}): "
            "the numbers overflowed; try a smaller alpha",
            file=sys.stderr,
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


def _export(
    folder: str,
    scenario: Scenario,
    trainer: Trainer,
    stream: tuple[Iterator[StepRecord], str] | None,
) -> None:
    """Write the export files into ``folder``. With ``stream`` (step records and format),
    print the records while writing the history files from them, so none is kept in memory."""
    from .export import HistoryWriter, export_all, export_state
    from .output import write_records

    dest = Path(folder)
    try:
        if stream is None:
            paths = export_all(dest, scenario, trainer)
        else:
            records, fmt = stream
            csv_path, jsonl_path = dest / "history.csv", dest / "history.jsonl"
            with HistoryWriter(csv_path, jsonl_path, trainer.problem, full=True) as history:
                write_records(_tee(records, history.add), fmt, sys.stdout, scenario.name)
            paths = [*history.paths, *export_state(dest, scenario, trainer)]
    except BrokenPipeError:
        raise  # stdout's reader went away: the command ends quietly (and nothing is exported)
    except OSError as error:
        reason = error.strerror or error
        raise RunError(f"gdtui: cannot write to {folder!r}: {reason}") from None
    print(f"gdtui: wrote {len(paths)} files to {folder}", file=sys.stderr)


def _tee(records: Iterator[StepRecord], add: Callable[[StepRecord], None]) -> Iterator[StepRecord]:
    for record in records:
        add(record)
        yield record


def _epochs(trainer: Trainer, count: int) -> Iterator[EpochRecord]:
    from .engine import measure

    if count == 0:
        yield measure.evaluate(trainer.problem, trainer.state)
        return
    for _ in range(count):
        record = trainer.run_epoch()
        yield record
        if record.diverged:
            return
