"""Export: the step history, the current weights and the scenario as files other tools read.

``export_all(dest, scenario, trainer)`` writes, into the folder ``dest``:

- ``history.csv``: a row per step since the last reset: ``step, epoch, example``,
  ``error_<output>`` for each output, ``total_error``; given the run's step records (the
  headless runner has them) also ``pred_<output>`` and ``delta_<output>``. Numbers are
  Python's shortest exact form; an overflowed one is ``inf`` or ``nan``;
- ``history.jsonl``: a JSON object per step: the step record as ``gdtui run --format jsonl``
  prints it when records are given, else the CSV's columns (an overflowed number is null);
- ``weights.csv``: a header ``output,<input names...>``, then a row per output;
- ``weights.npy``: the [outputs][inputs] float64 matrix, for ``numpy.load``;
- ``scenario.yaml``: the scenario with its weights, alpha and frozen set replaced by the
  current ones, a scenario file gdtui opens that reproduces the weights exactly;
- ``replay.py``: a standalone script that replays the history (data, starting weights, every
  step and change in order) and prints ``gdtui run --format book``'s lines (gdtui.replay).

Each file is written atomically (see gdtui.atomic). The single writers take the file's path.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import numpy as np
import yaml

from gdtui import __version__
from gdtui.atomic import replacing, write_bytes, write_text
from gdtui.engine import StepRecord, Trainer
from gdtui.engine.problem import Problem
from gdtui.replay import write_replay
from gdtui.safe_text import printable
from gdtui.scenario import Scenario
from gdtui.scenario.yaml_nodes import escape_line_breaks
from gdtui.session import portable_document

NAMES = (
    "history.csv", "history.jsonl", "weights.csv", "weights.npy", "scenario.yaml", "replay.py"
)  # fmt: skip
SCREENSHOT = "screen.svg"  # written by the app itself (Textual's save_screenshot)


def export_all(
    dest: str | Path,
    scenario: Scenario,
    trainer: Trainer,
    records: Iterable[StepRecord] | None = None,
    show: str = "steps",
) -> list[Path]:
    """Write the six files into ``dest`` (created if missing) and return their paths.
    ``records`` (read once) are the step records of the history since the last reset;
    ``show`` is what replay.py prints: "steps" or "epochs" (as the run printed them)."""
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    history = _history(folder / "history.csv", folder / "history.jsonl", trainer, records)
    return [*history, *export_state(folder, scenario, trainer, show)]


def export_state(
    dest: str | Path, scenario: Scenario, trainer: Trainer, show: str = "steps"
) -> list[Path]:
    """The files that depend only on where the trainer is now and how it got there: weights,
    scenario and replay.py."""
    folder = Path(dest)
    return [
        weights_csv(folder / "weights.csv", trainer),
        weights_npy(folder / "weights.npy", trainer),
        scenario_yaml(folder / "scenario.yaml", scenario, trainer),
        write_replay(folder / "replay.py", trainer, scenario.name, show),
    ]


# -- the step history -------------------------------------------------------------------------
def trace_rows(trainer: Trainer) -> Iterator[dict[str, Any]]:
    """The CSV columns of each step since the last reset, from the trainer's error trace."""
    n, examples = trainer.epoch_length, trainer.problem.examples
    names = trainer.problem.output_names
    for i, errors in enumerate(trainer.trace.errors):
        row: dict[str, Any] = {"step": i + 1, "epoch": i // n + 1, "example": int(examples[i % n])}
        row.update(zip([f"error_{name}" for name in names], errors.tolist(), strict=True))
        row["total_error"] = _sum(errors)
        yield row


def record_row(record: StepRecord, names: tuple[str, ...]) -> dict[str, Any]:
    row: dict[str, Any] = {"step": record.step, "epoch": record.epoch, "example": record.example}
    for column, values in (("error", record.error), ("pred", record.pred), ("delta", record.delta)):
        row.update(zip([f"{column}_{name}" for name in names], values.tolist(), strict=True))
        if column == "error":
            row["total_error"] = _sum(record.error)
    return row


def _sum(values: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        return float(values.sum())


WIDE = 100  # weights; above this, history.jsonl leaves out the fields below
WIDE_FIELDS = ("input", "weights", "weights_after", "weight_deltas")


class HistoryWriter:
    """``history.csv`` and ``history.jsonl`` (either may be None) written a step at a time, so a
    run of any length takes no memory. The files appear, atomically, when the ``with`` block
    ends without an exception; ``paths`` names them then.

    ``add`` takes a StepRecord (with ``full``: adds pred and delta columns, and writes the
    record itself as the JSON line) or a row from ``trace_rows``.
    """

    def __init__(
        self, csv_path: Path | None, jsonl_path: Path | None, problem: Problem, full: bool = False
    ) -> None:
        self.targets = [p for p in (csv_path, jsonl_path) if p is not None]
        self.csv_path, self.jsonl_path, self.full = csv_path, jsonl_path, full
        self.names = problem.output_names
        # A full MNIST record is ~300 KB (three 10x784 matrices and the image): in a file kept
        # for every step that is gigabytes, so wide networks keep the per-output numbers only.
        self.drop = WIDE_FIELDS if problem.n_in * problem.n_out > WIDE else ()
        self.columns = ["step", "epoch", "example", *[f"error_{n}" for n in self.names]]
        self.columns.append("total_error")
        if full:
            self.columns += [f"{c}_{n}" for c in ("pred", "delta") for n in self.names]
        self.paths: list[Path] = []
        self._stack = ExitStack()
        self._csv: Any = None
        self._jsonl: IO[str] | None = None

    def __enter__(self) -> HistoryWriter:
        try:
            if self.csv_path is not None:
                self._csv = csv.writer(self._open(self.csv_path), lineterminator="\n")
                self._csv.writerow(self.columns)
            if self.jsonl_path is not None:
                self._jsonl = self._open(self.jsonl_path)
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        return self

    def _open(self, path: Path) -> IO[str]:
        binary = self._stack.enter_context(replacing(path))
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        # These run before ``replacing`` syncs and renames: an ExitStack unwinds last-in first.
        self._stack.callback(text.detach)
        self._stack.callback(text.flush)
        return text

    def add(self, item: StepRecord | dict[str, Any]) -> None:
        if isinstance(item, StepRecord):
            row = record_row(item, self.names)
            if self.full:
                line = {k: v for k, v in item.to_dict().items() if k not in self.drop}
            else:
                line = {k: _finite_or_none(row[k]) for k in self.columns}
        else:
            row, line = item, {k: _finite_or_none(item[k]) for k in self.columns}
        if self._csv is not None:
            self._csv.writerow([_cell(row[k]) for k in self.columns])
        if self._jsonl is not None:
            self._jsonl.write(json.dumps(line, allow_nan=False, separators=(",", ":")) + "\n")

    def __exit__(self, *exc: Any) -> None:
        self._stack.__exit__(*exc)
        if exc[0] is None:
            self.paths = list(self.targets)


def _cell(value: Any) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _finite_or_none(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def history_csv(
    path: str | Path, trainer: Trainer, records: Iterable[StepRecord] | None = None
) -> Path:
    return _history(Path(path), None, trainer, records)[0]


def history_jsonl(
    path: str | Path, trainer: Trainer, records: Iterable[StepRecord] | None = None
) -> Path:
    return _history(None, Path(path), trainer, records)[0]


def _history(
    csv_path: Path | None,
    jsonl_path: Path | None,
    trainer: Trainer,
    records: Iterable[StepRecord] | None,
) -> list[Path]:
    with HistoryWriter(csv_path, jsonl_path, trainer.problem, records is not None) as history:
        for item in records if records is not None else trace_rows(trainer):
            history.add(item)
    return history.paths


# -- the weights ------------------------------------------------------------------------------
def weights_csv(path: str | Path, trainer: Trainer) -> Path:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["output", *trainer.problem.input_names])
    for name, weights in zip(trainer.problem.output_names, trainer.state.weights, strict=True):
        rows.writerow([name, *(repr(w) for w in weights.tolist())])
    write_text(path, out.getvalue())
    return Path(path)


def weights_npy(path: str | Path, trainer: Trainer) -> Path:
    out = io.BytesIO()
    np.save(out, np.asarray(trainer.state.weights, dtype=np.float64))
    write_bytes(path, out.getvalue())
    return Path(path)


# -- the scenario -----------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Multi-line text (the description) as a ``|`` block, as people write it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def scenario_document(scenario: Scenario, trainer: Trainer) -> dict[str, Any]:
    """The scenario's document with the trainer's weights, alpha, frozen set and data."""
    document = portable_document(scenario)
    state, problem = trainer.state, trainer.problem
    name = scenario.name
    document["name"] = name if name.endswith(" (exported)") else f"{name} (exported)"
    weights = state.weights.tolist()
    document["weights"] = state.weights.ravel().tolist() if 1 in state.weights.shape else weights
    document["alpha"] = float(state.alpha)
    document.pop("frozen", None)
    if state.frozen.any():
        document["frozen"] = np.argwhere(state.frozen).tolist()
    if "source" not in document["data"] and _edited(trainer):
        document["data"] = {
            "inputs": dict(zip(problem.input_names, state.inputs.T.tolist(), strict=True)),
            "targets": dict(zip(problem.output_names, state.targets.T.tolist(), strict=True)),
        }
    # Keys in the order the format documents them, whatever order they came in.
    order = ("name", "description", "data", "examples", "weights", "alpha", "frozen", "task")
    return {k: document[k] for k in (*order, *document) if k in document}


def _edited(trainer: Trainer) -> bool:
    state, problem = trainer.state, trainer.problem
    return not (
        np.array_equal(state.inputs, problem.inputs)
        and np.array_equal(state.targets, problem.targets)
    )


def scenario_yaml(path: str | Path, scenario: Scenario, trainer: Trainer) -> Path:
    origin = str(scenario.path) if scenario.path is not None else f"the scenario {scenario.name!r}"
    origin = printable(origin)  # a path that is not UTF-8 (surrogate escapes) cannot be written
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Exported by gdtui {__version__} from {origin} at step {trainer.steps}, {when}"]
    document = scenario_document(scenario, trainer)
    if "source" in document["data"] and _edited(trainer):
        source = document["data"]["source"]
        lines.append(f"# Edits made to the data are not here: it comes from the {source} source.")
    header = "".join(escape_line_breaks(line) + "\n" for line in lines)
    body = yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, default_flow_style=None, allow_unicode=True
    )
    write_text(path, header + body)
    return Path(path)


@dataclass(frozen=True)
class ExportRequest:
    """What the export menu asked for: file names (of ``NAMES`` and ``SCREENSHOT``), where."""

    names: tuple[str, ...]
    folder: Path


def write_files(
    request: ExportRequest, scenario: Scenario, trainer: Trainer, screenshot: Callable[[], str]
) -> list[Path]:
    """Write the requested files; OSError when the folder or a file cannot be written."""
    writers: dict[str, Callable[[Path], object]] = {
        "history.csv": lambda path: history_csv(path, trainer),
        "history.jsonl": lambda path: history_jsonl(path, trainer),
        "weights.csv": lambda path: weights_csv(path, trainer),
        "weights.npy": lambda path: weights_npy(path, trainer),
        "scenario.yaml": lambda path: scenario_yaml(path, scenario, trainer),
        "replay.py": lambda path: write_replay(path, trainer, scenario.name),
        SCREENSHOT: lambda path: write_text(path, screenshot()),
    }
    request.folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in request.names:
        path = request.folder / name
        writers[name](path)
        written.append(path)
    return written
