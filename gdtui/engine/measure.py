"""Measurements, as functions of the problem, a state and its trace: nothing here changes.

A ``Trace`` is what the timeline recorded for each step since the last reset: its error per
output and whether its prediction was right, both measured before that step's update.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .problem import Problem
from .records import EpochRecord
from .state import State


@dataclass(frozen=True, eq=False)
class Trace:
    """``errors`` [steps][n_out] and ``correct`` [steps], read-only and never changed."""

    errors: np.ndarray
    correct: np.ndarray


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
    with np.errstate(all="ignore"):
        value = accuracy(problem.test_inputs @ weights.T, problem.test_targets)
    if not weights.flags.writeable:
        # The entries hold their arrays, so no other array can take one of these ids.
        while len(_TESTED) >= _TESTED_SIZE:
            _TESTED.pop(next(iter(_TESTED)), None)
        _TESTED[key] = (problem, weights, value)
    return value


def evaluate(problem: Problem, state: State) -> EpochRecord:
    """Epoch 0: the state's weights measured on the epoch's examples, without learning."""
    rows = problem.examples
    with np.errstate(all="ignore"):
        preds = state.inputs[rows] @ state.weights.T
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
_SQUARES: list[tuple[np.ndarray, np.ndarray, np.ndarray, float]] = []


def stability(problem: Problem, state: State) -> Stability:
    """α·|x|² for the state's alpha, data and frozen weights (see ``Stability``)."""
    hit = _SQUARES[0] if _SQUARES else None
    if hit is not None and hit[0] is state.inputs and hit[1] is state.frozen:
        largest = hit[3]
    else:
        with np.errstate(all="ignore"):
            squares = state.inputs[problem.examples] ** 2  # [examples][inputs]
            per_output = squares @ (~state.frozen).T.astype(np.float64)  # [examples][outputs]
        largest = float(per_output.max()) if per_output.size else 0.0
        _SQUARES[:] = [(state.inputs, state.frozen, problem.examples, largest)]
    factor = state.alpha * largest
    critical = 2 / largest if largest > 0 else float("inf")
    return Stability(factor, critical)
