"""Printing step and epoch records: the notebook's layout, JSON Lines, or a table for people."""

from __future__ import annotations

import json
import math
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, TextIO, TypeVar

import numpy as np

from .engine import EpochRecord, StepRecord
from .safe_text import printable

if TYPE_CHECKING:
    from rich.table import Table

Record = TypeVar("Record", StepRecord, EpochRecord)


def _number(value: float) -> str:
    """Python's own repr of a float, as the notebook prints it."""
    return repr(float(value))


# The book prints its numbers with str(): a float's repr, a list's "[a, b]". Printing Python
# floats that way (never NumPy's) is most of what a long run of the small networks costs.


def _vector(values: list[float]) -> str:
    """A scalar for one value (the book's single output), else a Python list."""
    return repr(values[0]) if len(values) == 1 else repr(values)


def _matrix(rows: list[list[float]], frozen: np.ndarray | None = None) -> str:
    """Flat when one side is 1, as the book keeps such weights; else a list of rows. A frozen
    weight's delta is the int 0, as the book's ``weight_deltas[0] = 0`` prints it."""
    if frozen is not None and frozen.any():  # (the book's networks give None for none)
        mask = frozen.tolist()
        rows = [
            [0 if off else v for v, off in zip(row, offs, strict=True)]
            for row, offs in zip(rows, mask, strict=True)
        ]
    if len(rows) == 1:
        return repr(rows[0])
    if len(rows[0]) == 1:
        return repr([row[0] for row in rows])
    return repr(rows)


def book_step(record: StepRecord) -> str:
    return BookPrinter().step(record)


class BookPrinter:
    """``book_step`` for a run of records, keeping the text of the last one's numbers: a
    network at rest prints the same numbers step after step, and the engine hands them over as
    the very same lists (``engine.book``), so their text is made once, not every step."""

    def __init__(self) -> None:
        self._last: tuple[object, ...] = ()
        self._text = ""

    def step(self, record: StepRecord) -> str:
        numbers = record.numbers
        pred, error, delta = numbers("pred"), numbers("error"), numbers("delta")
        weights, deltas, frozen = numbers("weights"), numbers("weight_deltas"), record.frozen
        last = self._last
        if not (
            last
            and pred is last[0]
            and error is last[1]
            and delta is last[2]
            and weights is last[3]
            and deltas is last[4]
            and frozen is last[5]
        ):
            self._last = (pred, error, delta, weights, deltas, frozen)
            self._text = (
                f"Pred:{_vector(pred)}\nError:{_vector(error)}\nDelta:{_vector(delta)}\n"
                f"Weights:{_matrix(weights)}\nWeight_Deltas:\n{_matrix(deltas, frozen)}\n"
            )
        return f"Iteration:{record.step}\n{self._text}"


def book_epoch(record: EpochRecord) -> str:
    lines = [
        f"Epoch:{record.epoch}",
        f"Steps:{record.steps}",
        f"Error:{_number(record.mean_error)}",
    ]
    if record.train_accuracy is not None:
        lines.append(f"Train-Acc:{record.train_accuracy!r}")
    if record.test_accuracy is not None:
        lines.append(f"Test-Acc:{record.test_accuracy!r}")
    return "\n".join([*lines, ""])


def jsonl(record: StepRecord | EpochRecord) -> str:
    return json.dumps(record.to_dict(), allow_nan=False, separators=(",", ":"))


def _short(values: np.ndarray, limit: int = 4) -> str:
    text = ", ".join(_fixed(v) for v in values.ravel()[:limit])
    return text + (", …" if values.size > limit else "")


def _fixed(value: float) -> str:
    v = float(value)
    return f"{v:.6g}" if math.isfinite(v) else ("overflow" if math.isinf(v) else "nan")


class OutputError(Exception):
    """Standard output cannot take the records (closed, or its disk is full): one line, exit
    status 1. A reader that went away (BrokenPipeError) is not this: the command ends quietly."""


STEP_COLUMNS = ("step", "epoch", "example", "pred", "true", "error", "delta", "weights after")
EPOCH_COLUMNS = ("epoch", "steps", "alpha", "mean error", "train acc", "test acc")
TABLE_ROWS = 1000  # a longer run's table shows its first and last 500 records


def _step_cells(r: StepRecord) -> list[str]:
    return [
        str(r.step),
        str(r.epoch),
        str(r.example),
        _short(r.pred),
        _short(r.true),
        _short(r.error),
        _short(r.delta),
        _short(r.weights_after, 9),
    ]


def _epoch_cells(r: EpochRecord) -> list[str]:
    return [
        str(r.epoch),
        str(r.steps),
        _fixed(r.alpha),
        _fixed(r.mean_error),
        "" if r.train_accuracy is None else f"{r.train_accuracy:.3f}",
        "" if r.test_accuracy is None else f"{r.test_accuracy:.3f}",
    ]


def _shown(records: Iterable[Record], limit: int) -> tuple[list[Record], int, list[Record]]:
    """What a table of ``records`` shows: all of them, up to ``limit``; else the first and the
    last ``limit // 2``, and how many are left out between. Holds at most ``limit`` in memory."""
    it = iter(records)
    head = list(islice(it, limit))
    half = limit // 2
    tail: deque[Record] = deque(head[half:], maxlen=half)
    more = 0
    for record in it:
        tail.append(record)
        more += 1
    if not more:
        return head, 0, []
    return head[:half], limit + more - half - len(tail), list(tail)


def records_table(records: Iterable[Record], title: str) -> Table:
    """The table ``--format table`` prints: a row per record (step or epoch), the run's name
    (made printable, never read as markup) as its title."""
    from rich.table import Table  # only here: loading Rich costs a tenth of a short run
    from rich.text import Text

    head, left_out, tail = _shown(records, TABLE_ROWS)
    epochs = bool(head) and isinstance(head[0], EpochRecord)
    table = Table(title=Text(printable(title)), title_justify="left")
    for name in EPOCH_COLUMNS if epochs else STEP_COLUMNS:
        right = epochs or name in ("step", "epoch", "example")
        table.add_column(name, justify="right" if right else "left", overflow="fold")

    def add(rows: list[Record]) -> None:
        for r in rows:
            cells = _epoch_cells(r) if isinstance(r, EpochRecord) else _step_cells(r)
            table.add_row(*cells, style="bold red" if r.diverged else None)

    add(head)
    if left_out:
        table.add_row(*["…"] * len(table.columns), style="dim")
        what = "epochs" if epochs else "steps"
        table.caption = f"{left_out:,} {what} not shown (--format jsonl shows every one)"
        table.caption_justify = "left"
    add(tail)
    return table


def write_records(records: Iterable[Record], fmt: str, out: TextIO, title: str) -> None:
    """Stream book and JSON Lines as records come; gather a table and print it at the end.
    Raises OutputError when ``out`` cannot be written (BrokenPipeError when its reader left)."""
    if fmt == "table":
        from rich.console import Console

        table = records_table(records, title)
        # On a terminal, its width; written to a file or pipe, wide enough not to fold numbers.
        with _writing():
            Console(file=out, width=None if out.isatty() else 140).print(table)
        return
    flushed = time.monotonic()
    printer = BookPrinter()
    for record in records:
        if fmt == "jsonl":
            text = jsonl(record)
        elif isinstance(record, EpochRecord):
            text = book_epoch(record)
        else:
            text = printer.step(record)
        # Only the writes are guarded: the records themselves may fail to be saved (--out).
        # Flushed every FLUSH_EVERY seconds, not every record: a write each would cost as
        # much as a small network's step, and a reader still sees records as they come.
        if _write(out, text) - flushed > FLUSH_EVERY:
            _write(out, None)
            flushed = time.monotonic()
    _write(out, None)


FLUSH_EVERY = 0.1  # seconds


def _write(out: TextIO, text: str | None) -> float:
    """Write ``text`` and a newline to ``out`` (None: flush it); the time after."""
    try:
        if text is None:
            out.flush()
        else:
            out.write(text + "\n")
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or error
        raise OutputError(f"gdtui: cannot write to standard output: {reason}") from None
    return time.monotonic()


@contextmanager
def _writing() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or error
        raise OutputError(f"gdtui: cannot write to standard output: {reason}") from None
