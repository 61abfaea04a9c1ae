"""Printing step and epoch records: the notebook's layout, JSON Lines, or a table for people."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import TextIO

import numpy as np
from rich.console import Console
from rich.table import Table

from .engine import EpochRecord, StepRecord


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


def step_table(records: Iterable[StepRecord], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("step", "epoch", "example", "pred", "true", "error", "delta", "weights after"):
        right = name in ("step", "epoch", "example")
        table.add_column(name, justify="right" if right else "left", overflow="fold")
    for r in records:
        style = "bold red" if r.diverged else None
        table.add_row(
            str(r.step),
            str(r.epoch),
            str(r.example),
            _short(r.pred),
            _short(r.true),
            _short(r.error),
            _short(r.delta),
            _short(r.weights_after, 9),
            style=style,
        )
    return table


def epoch_table(records: Iterable[EpochRecord], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("epoch", "steps", "alpha", "mean error", "train acc", "test acc"):
        table.add_column(name, justify="right")
    for r in records:
        table.add_row(
            str(r.epoch),
            str(r.steps),
            _fixed(r.alpha),
            _fixed(r.mean_error),
            "" if r.train_accuracy is None else f"{r.train_accuracy:.3f}",
            "" if r.test_accuracy is None else f"{r.test_accuracy:.3f}",
            style="bold red" if r.diverged else None,
        )
    return table


def write_records(
    records: Iterable[StepRecord] | Iterable[EpochRecord], fmt: str, out: TextIO, title: str
) -> None:
    """Stream book and JSON Lines as records come; gather a table and print it at the end."""
    if fmt == "table":
        rows = list(records)
        # On a terminal, its width; written to a file or pipe, wide enough not to fold numbers.
        console = Console(file=out, width=None if out.isatty() else 140)
        if rows and isinstance(rows[0], EpochRecord):
            console.print(epoch_table(rows, title))  # type: ignore[arg-type]
        else:
            console.print(step_table(rows, title))  # type: ignore[arg-type]
        return
    for record in records:
        if fmt == "jsonl":
            text = jsonl(record)
        elif isinstance(record, EpochRecord):
            text = book_epoch(record)
        else:
            text = book_step(record)
        out.write(text + "\n")
        out.flush()
