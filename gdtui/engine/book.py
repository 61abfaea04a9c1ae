"""The book's networks stepped on Python floats: the chapter's arithmetic without NumPy's cost.

For networks of up to ``BOOK_ORDER_MAX_INPUTS`` inputs a step is a few dozen multiplications,
and NumPy's ~1 us per call made one cost 25-35 us, where the chapter's own pure-Python loop
takes one or two. Here a step is those operations on floats, in the order ``compute_update``
does them (each prediction summed input by input from the first product, ``delta ** 2`` as
Python's power, ``w - alpha * (delta * x)``), so every result has the same bits; the tests
compare both with the book's printed numbers and with each other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from . import measure
from .maths import BOOK_ORDER_MAX_INPUTS
from .problem import Problem
from .records import EpochRecord, StepRecord
from .state import State, frozen_array

if TYPE_CHECKING:
    from .trainer import Trainer

Record = TypeVar("Record", StepRecord, EpochRecord)

Rows = list[list[float]]
Example = tuple[list[float], list[float], list[tuple[int, float]]]
# Data with more numbers than this is converted a row at a time, not kept whole as lists.
WHOLE_DATA = 100_000
CHUNK = 256  # steps taken at once by ``run_in_chunks``; ``run_epochs`` takes 4 * CHUNK


def book_steps(problem: Problem) -> BookSteps | None:
    """The stepper for a network of the book's size, else None (NumPy steps it)."""
    if problem.n_in > BOOK_ORDER_MAX_INPUTS:
        return None
    return BookSteps(problem.examples.tolist())


class BookSteps:
    """Steps a problem's states on Python floats. The lists it made for a state's arrays are
    kept, keyed by the arrays themselves (a State never changes one), so that a run of steps
    converts each new weight matrix once, to make its State, and never back."""

    def __init__(self, order: list[int]) -> None:
        self.order = order  # the epoch's rows
        self._weights: tuple[np.ndarray, Rows] | None = None
        self._frozen: tuple[np.ndarray, list[list[bool]] | None] | None = None
        self._data: tuple[object, np.ndarray, list[Example] | None] | None = None

    def _lists(self, state: State) -> tuple[Rows, list[list[bool]] | None]:
        if self._weights is None or self._weights[0] is not state.weights:
            self._weights = (state.weights, state.weights.tolist())
        if self._frozen is None or self._frozen[0] is not state.frozen:
            frozen = state.frozen.tolist() if state.frozen.any() else None
            self._frozen = (state.frozen, frozen)
        return self._weights[1], self._frozen[1]

    def _examples(self, state: State) -> list[Example] | None:
        """The state's data rows as ``Example``s, or None for data too big to keep."""
        data = self._data
        if data is None or data[0] is not state.inputs or data[1] is not state.targets:
            examples = None
            if state.inputs.size + state.targets.size <= WHOLE_DATA:
                inputs, targets = np.asarray(state.inputs).tolist(), state.targets.tolist()
                examples = [example(x, true) for x, true in zip(inputs, targets, strict=True)]
            data = self._data = (state.inputs, state.targets, examples)
        return data[2]

    def steps(
        self, state: State, count: int, keep: bool = False
    ) -> tuple[State, Rows, list[bool], list[StepRecord]]:
        """Up to ``count`` steps from ``state`` (``count`` >= 1), stopping after one that
        overflows: the state after them, each one's error row and whether its prediction was
        right, and with ``keep`` their records.

        A network at rest (every delta 0 and no weight 0, so the weights after are the weights
        before, bit for bit) learning from the same example again takes the very same step:
        its numbers are reused, the same lists, which also lets the printer reuse their text.
        """
        n = len(self.order)
        weights, frozen = self._lists(state)
        examples = self._examples(state)
        shown = None if frozen is None else state.frozen
        errors: Rows = []
        right: list[bool] = []
        records: list[StepRecord] = []
        resting, finite, last = False, True, -1
        for step in range(state.step + 1, state.step + count + 1):
            row = self.order[(step - 1) % n]
            if examples is None:
                x, true, pairs = example(state.inputs[row].tolist(), state.targets[row].tolist())
            else:
                x, true, pairs = examples[row]
            if not (resting and row == last):
                last = row
                if keep or frozen is not None:
                    pred, error, delta, deltas, after, finite = book_update(
                        weights, frozen, state.alpha, x, true, pairs
                    )
                else:
                    pred, error, delta, after, finite = book_learn(
                        weights, state.alpha, x, true, pairs
                    )
                correct = _right(pred, true, finite)
                resting = finite and not any(delta) and all(map(all, weights))
                if resting:
                    after = weights
            errors.append(error)
            right.append(correct)
            if keep:
                record = StepRecord(
                    step, (step - 1) // n + 1, row, state.alpha, x, true, pred, error, delta,
                    deltas, weights, after if finite else weights, not finite, shown,
                )  # fmt: skip
                records.append(record)
            if not finite:
                break
            weights = after
        array = frozen_array(np.array(weights, dtype=np.float64))
        self._weights = (array, weights)
        after_all = State(
            array, state.alpha, state.frozen, state.inputs, state.targets,
            state.step + len(errors), state.trace_start, not finite,
        )  # fmt: skip
        return after_all, errors, right, records


def run_in_chunks(trainer: Trainer, steps: int) -> Iterator[StepRecord]:
    """``Trainer.run`` for the book's networks: ``CHUNK`` steps at a time, then their records.
    While a chunk's records are read the trainer stands after its last step; an iteration
    closed before its end (a loop left early, a run stopped by a signal) takes back the steps
    whose records it did not read, so that the trainer then stands after the last one read."""
    left = steps
    while left > 0:
        before = trainer.steps
        records = trainer._steps(min(CHUNK, left), keep=True)
        yield from _hand_out(trainer, records, before, attrgetter("step"))
        if not records or records[-1].diverged:
            return
        left -= len(records)


def run_epochs(trainer: Trainer, epochs: int) -> Iterator[EpochRecord]:
    """``Trainer.run_epochs``: the book's networks learn as many whole epochs as fit in
    ``4 * CHUNK`` steps at once, one timeline entry, and their records are measured together
    (``measure.finished_epochs``: the numbers ``run_epoch`` gives). An iteration closed early
    takes back the steps after the last record read, as ``run_in_chunks`` does. Longer epochs,
    wide networks and those with a test set (measured on each epoch's weights) go one by one."""
    n, left = trainer.epoch_length, epochs
    per_chunk = 4 * CHUNK // n
    if trainer._book is None or trainer.problem.test_inputs is not None or per_chunk < 2:
        yield from _epoch_by_epoch(trainer, epochs)
        return
    while left > 0:
        if trainer.state.diverged:  # (``run_epoch`` raises DivergedError)
            yield from _epoch_by_epoch(trainer, left)
            return
        count = min(left, per_chunk)
        before, first = trainer.steps, trainer.steps // n + 1
        trainer._steps(count * n - trainer.steps % n)
        records = measure.finished_epochs(trainer.problem, trainer.state, trainer.trace, first)
        yield from _hand_out(trainer, records, before, attrgetter("steps"))
        if records[-1].diverged:
            return
        left -= count


def _hand_out(
    trainer: Trainer, records: list[Record], before: int, steps_of: Callable[[Record], int]
) -> Iterator[Record]:
    """Yield ``records``, made by the steps just taken (one timeline unit each) from step
    ``before``. Closed before the end (a loop left early, a run stopped by a signal), the
    trainer takes back the steps after the last record read (``steps_of`` it: the steps taken
    once it was made), so that it stands where that record left it."""
    end, read = trainer.position, 0
    try:
        for record in records:
            read += 1
            yield record
    finally:
        if read < len(records) and trainer.position == end:
            kept = steps_of(records[read - 1]) if read else before
            trainer.goto(end - (trainer.steps - kept))
            trainer._timeline.truncate()


def _epoch_by_epoch(trainer: Trainer, epochs: int) -> Iterator[EpochRecord]:
    for _ in range(epochs):
        record = trainer.run_epoch()
        yield record
        if record.diverged:
            return


def example(x: list[float], true: list[float]) -> Example:
    """A data row as ``book_update`` reads it: its inputs, targets, and (j, x[j]) after the
    first input (the terms a prediction adds to the first product)."""
    return x, true, list(enumerate(x))[1:]


def book_update(
    weights: Rows,
    frozen: list[list[bool]] | None,
    alpha: float,
    x: list[float],
    true: list[float],
    pairs: list[tuple[int, float]] | None = None,
) -> tuple[list[float], list[float], list[float], Rows, Rows, bool]:
    """``compute_update`` on floats: pred, error, delta, weight_deltas, the weights after, and
    whether all of them are finite. A frozen weight's delta is 0.0, as there. ``pairs`` is
    ``example(x, true)``'s, when made already."""
    pred, error, delta, deltas, after = [], [], [], [], []
    first, rest = x[0], example(x, true)[2] if pairs is None else pairs
    total = 0.0
    for i, row in enumerate(weights):
        out = row[0] * first
        for j, v in rest:  # input by input, from the first product, as ``predict``
            out = out + row[j] * v
        d = out - true[i]
        try:
            squared = d**2
        except OverflowError:  # Python raises where NumPy gives inf
            squared = math.inf
        changes = [d * v for v in x]
        if frozen is not None:
            changes = [0.0 if off else c for c, off in zip(changes, frozen[i], strict=False)]
        new = [w - alpha * c for w, c in zip(row, changes)]  # noqa: B905 (0.1 us a call)
        pred.append(out)
        delta.append(d)
        error.append(squared)
        deltas.append(changes)
        after.append(new)
        total += squared + sum(new)
    # A sum is finite only if every term is (an inf or a nan carries through), and a weight
    # delta that is not makes its new weight not finite either; a finite set can still sum to
    # inf, so then each number is looked at.
    finite = math.isfinite(total) or all(map(math.isfinite, chain(error, *deltas, *after)))
    return pred, error, delta, deltas, after, finite


def book_learn(
    weights: Rows, alpha: float, x: list[float], true: list[float], pairs: list[tuple[int, float]]
) -> tuple[list[float], list[float], list[float], Rows, bool]:
    """``book_update`` with no weight frozen and no weight deltas kept (a run without records):
    pred, error, delta, the weights after and whether they are finite; the same operations,
    a quarter faster."""
    pred, error, delta, after = [], [], [], []
    first = x[0]
    total = 0.0
    # zip without ``strict``: a keyword argument costs each call of it 0.1 us, 0.5 a step.
    for row, t in zip(weights, true):  # noqa: B905
        out = row[0] * first
        for j, v in pairs:
            out = out + row[j] * v
        d = out - t
        try:
            squared = d**2
        except OverflowError:
            squared = math.inf
        new = [w - alpha * (d * v) for w, v in zip(row, x)]  # noqa: B905
        pred.append(out)
        delta.append(d)
        error.append(squared)
        after.append(new)
        total += squared + sum(new)
    finite = math.isfinite(total) or all(map(math.isfinite, chain(error, *after)))
    return pred, error, delta, after, finite


def _right(pred: list[float], true: list[float], finite: bool) -> bool:
    """Whether the largest prediction is at the largest target, as NumPy's argmax decides."""
    if len(pred) == 1:
        return True
    if not finite:  # a nan: NumPy's argmax takes the first one
        return bool(np.argmax(pred) == np.argmax(true))
    return pred.index(max(pred)) == true.index(max(true))
