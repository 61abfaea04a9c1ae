"""Measurements, as functions of the problem, a state and its trace: nothing here changes.

A ``Trace`` is what the timeline recorded for each step since the last reset: its error per
output and whether its prediction was right, both measured before that step's update.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import Problem
from .records import EpochRecord
from .scaled import Inputs
from .state import State

CHUNK = 2048  # rows measured at a time: 13 MB of float64 for MNIST, not 376 for all of it


@dataclass(frozen=True, eq=False)
class Trace:
    """``errors`` [steps][n_out] and ``correct`` [steps], read-only and never changed."""

    errors: np.ndarray
    correct: np.ndarray


def predictions(inputs: Inputs, rows: np.ndarray | None, weights: np.ndarray) -> np.ndarray:
    """``inputs[rows] @ weights.T`` (all rows when None), a chunk of rows at a time."""
    count = len(inputs) if rows is None else len(rows)
    out = np.empty((count, weights.shape[0]))
    with np.errstate(all="ignore"):
        for start in range(0, count, CHUNK):
            part = slice(start, min(count, start + CHUNK))
            np.matmul(inputs[part if rows is None else rows[part]], weights.T, out=out[part])
    return out


def accuracy(preds: np.ndarray, targets: np.ndarray) -> float:
    """The share of rows whose largest prediction is at the largest target."""
    return float((preds.argmax(axis=1) == targets.argmax(axis=1)).mean())


def mean_error(errors: np.ndarray) -> float:
    """The mean over rows of the summed squared error (overflow gives inf, not a warning)."""
    with np.errstate(all="ignore"):
        return float(errors.sum(axis=1).mean())


# A few (problem, weights, accuracy) entries, keyed by identity: a State's weights never change
# in place, so the same array always has the same accuracy. Only read-only arrays are cached.
_TESTED: dict[tuple[int, int], tuple[Problem, np.ndarray, float]] = {}
_TESTED_SIZE = 4


def test_accuracy(problem: Problem, weights: np.ndarray) -> float | None:
    """Accuracy on the problem's test set (None without one). Asked again for the same
    read-only weights array, it costs a dictionary look-up."""
    if problem.test_inputs is None or problem.test_targets is None:
        return None
    key = (id(problem), id(weights))
    hit = _TESTED.get(key)
    if hit is not None and hit[0] is problem and hit[1] is weights:
        return hit[2]
    value = accuracy(predictions(problem.test_inputs, None, weights), problem.test_targets)
    if not weights.flags.writeable:
        # The entries hold their arrays, so no other array can take one of these ids.
        while len(_TESTED) >= _TESTED_SIZE:
            _TESTED.pop(next(iter(_TESTED)), None)
        _TESTED[key] = (problem, weights, value)
    return value


def evaluate(problem: Problem, state: State) -> EpochRecord:
    """Epoch 0: the state's weights measured on the epoch's examples, without learning."""
    rows = problem.examples
    preds = predictions(state.inputs, rows, state.weights)
    with np.errstate(all="ignore"):
        error = mean_error((preds - state.targets[rows]) ** 2)
    train, test = None, None
    if problem.classify:
        train = accuracy(preds, state.targets[rows])
        test = test_accuracy(problem, state.weights)
    return EpochRecord(0, state.step, state.alpha, error, train, test)


def epoch_record(problem: Problem, state: State, trace: Trace) -> EpochRecord:
    """The latest finished epoch, or the diverged one in progress (epoch 0 before any)."""
    n = len(problem.examples)
    epoch = state.step // n if not state.diverged else (state.step - 1) // n + 1
    if epoch == 0:
        return evaluate(problem, state)
    start = (epoch - 1) * n
    end = min(start + n, state.step)
    train, test = None, None
    if problem.classify:
        train = float(trace.correct[start:end].mean())
        test = test_accuracy(problem, state.weights)
    error = mean_error(trace.errors[start:end])
    return EpochRecord(epoch, state.step, state.alpha, error, train, test, state.diverged)


def finished_epochs(problem: Problem, state: State, trace: Trace, first: int) -> list[EpochRecord]:
    """The records ``epoch_record`` gives after each epoch from ``first`` to the state's last
    one (the diverged one included), measured at once: for epochs learned at the state's alpha
    on a problem without a test set (whose accuracy needs each epoch's own weights)."""
    n = len(problem.examples)
    last = (state.step - 1) // n if state.diverged else state.step // n
    start, end = (first - 1) * n, last * n
    part = Trace(trace.errors[start:end], trace.correct[start:end])
    means, shares = epoch_history(problem, part)
    train = shares.tolist() if problem.classify else [None] * len(means)
    records = [
        EpochRecord(epoch, epoch * n, state.alpha, error, right)
        for epoch, error, right in zip(range(first, last + 1), means.tolist(), train, strict=True)
    ]
    if state.diverged:
        records.append(epoch_record(problem, state, trace))
    return records


def epoch_history(problem: Problem, trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    """Each finished epoch in the trace: its mean summed error and the share of its examples
    predicted right."""
    n = len(problem.examples)
    done = len(trace.errors) // n
    errors, correct = trace.errors[: done * n], trace.correct[: done * n]
    with np.errstate(all="ignore"):
        means = errors.sum(axis=1).reshape(done, n).mean(axis=1)
    return means, correct.reshape(done, n).mean(axis=1)


@dataclass(frozen=True)
class Stability:
    """How one step changes the delta it learns from: for one example, the book's update
    multiplies each output's delta by (1 − α·|x|²), |x|² over the inputs whose weights are
    free, so it converges when 0 < α·|x|² < 2 and overshoots further each step beyond 2.

    ``factor`` is α·|x|², the largest over the epoch's examples and the outputs (the criterion
    holds per example); ``critical`` the alpha at which it reaches 2 (inf when no free weight
    has a non-zero input)."""

    factor: float
    critical: float

    @property
    def converges(self) -> bool:
        return 0 < self.factor < 2


# The largest |x|² over free inputs, keyed by (inputs, frozen) identity: a State never changes
# its arrays in place. One entry: the live state's.
_SQUARES: list[tuple[Inputs, np.ndarray, np.ndarray, float]] = []


def stability(problem: Problem, state: State) -> Stability:
    """α·|x|² for the state's alpha, data and frozen weights (see ``Stability``)."""
    hit = _SQUARES[0] if _SQUARES else None
    if hit is not None and hit[0] is state.inputs and hit[1] is state.frozen:
        largest = hit[3]
    else:
        free = (~state.frozen).T.astype(np.float64)
        rows, maxima = problem.examples, []
        with np.errstate(all="ignore"):
            for start in range(0, len(rows), CHUNK):
                squares = state.inputs[rows[start : start + CHUNK]] ** 2  # [examples][inputs]
                per_output = squares @ free  # [examples][outputs]
                if per_output.size:
                    maxima.append(per_output.max())
        largest = float(np.max(maxima)) if maxima else 0.0
        _SQUARES[:] = [(state.inputs, state.frozen, problem.examples, largest)]
    factor = state.alpha * largest
    critical = 2 / largest if largest > 0 else float("inf")
    return Stability(factor, critical)
