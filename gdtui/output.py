"""Printing step and epoch records: the notebook's layout, JSON Lines, or a table for people."""

from __future__ import annotations

import json
import math
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TextIO, TypeVar

import numpy as np
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .engine import EpochRecord, StepRecord
from .safe_text import printable

Record = TypeVar("Record", StepRecord, EpochRecord)


def _number(value: float) -> str:
    """Python's own repr of a float, as the notebook prints it."""
    return repr(float(value))


def _vector(values: np.ndarray) -> str:
    """A scalar for one value (the book's single output), else a Python list."""
    if values.size == 1:
        return _number(values.item())
    return "[" + ", ".join(_number(v) for v in values.ravel()) + "]"


def _matrix(weights: np.ndarray, frozen: np.ndarray | None = None) -> str:
    """Flat when one side is 1, as the book keeps such weights; else a list of rows. A frozen
    weight's delta is the int 0, as the book's ``weight_deltas[0] = 0`` prints it."""
    cells = [_number(v) for v in weights.ravel()]
    if frozen is not None:
        cells = ["0" if off else cell for cell, off in zip(cells, frozen.ravel(), strict=True)]
    if 1 in weights.shape:
        return "[" + ", ".join(cells) + "]"
    n = weights.shape[1]
    return (
        "["
        + ", ".join("[" + ", ".join(cells[k : k + n]) + "]" for k in range(0, len(cells), n))
        + "]"
    )


def book_step(record: StepRecord) -> str:
    return "\n".join(
        [
            f"Iteration:{record.step}",
            f"Pred:{_vector(record.pred)}",
            f"Error:{_vector(record.error)}",
            f"Delta:{_vector(record.delta)}",
            f"Weights:{_matrix(record.weights)}",
            "Weight_Deltas:",
            _matrix(record.weight_deltas, record.frozen),
            "",
        ]
    )


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
        table = records_table(records, title)
        # On a terminal, its width; written to a file or pipe, wide enough not to fold numbers.
        with _writing():
            Console(file=out, width=None if out.isatty() else 140).print(table)
        return
    for record in records:
        if fmt == "jsonl":
            text = jsonl(record)
        elif isinstance(record, EpochRecord):
            text = book_epoch(record)
        else:
            text = book_step(record)
        # Only the writes are guarded: the records themselves may fail to be saved (--out).
        with _writing():
            out.write(text + "\n")
            out.flush()


@contextmanager
def _writing() -> Iterator[None]:
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or error
        raise OutputError(f"gdtui: cannot write to standard output: {reason}") from None
