"""What one step and one epoch produced: computed once, read by every view."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np


def json_ready(value: Any) -> Any:
    """Arrays to lists, NumPy scalars to Python ones, non-finite floats to None (JSON null)."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


# A record's vectors and matrices, in the order StepRecord takes them.
ARRAYS = ("input", "true", "pred", "error", "delta", "weight_deltas", "weights", "weights_after")
_PLACE = {name: k for k, name in enumerate(ARRAYS)}
Numbers = list[Any]  # Python floats: a list for a vector, a list of rows for a matrix


class StepRecord:
    """One example learned: the book's pred, error, delta and weight_deltas, and the weights
    before (as the book prints them) and after the update. Read-only, like a State.

    ``step`` counts steps since the last reset, from 1; ``epoch`` is the epoch the step belongs
    to, from 1; ``example`` is the row of the data it learned from. Vectors are 1-D arrays (one
    value per output for pred, true, error and delta); weights are always 2-D [outputs][inputs].
    A diverged record is one whose numbers overflowed: its update was not applied.

    The vectors and matrices may be given as arrays or as Python numbers (lists, rows of lists
    for a matrix: what the book's networks are stepped on, see ``engine.book``). Each is made
    an array, read-only, when first read as one; ``numbers`` reads them as Python numbers, which
    for given lists costs nothing (what printing a long run of small steps needs).
    """

    __slots__ = ("_values", "alpha", "diverged", "epoch", "example", "frozen", "step")

    FIELDS = ("step", "epoch", "example", "alpha", *ARRAYS, "diverged")

    def __init__(
        self,
        step: int,
        epoch: int,
        example: int,
        alpha: float,
        input: np.ndarray | Numbers,
        true: np.ndarray | Numbers,
        pred: np.ndarray | Numbers,
        error: np.ndarray | Numbers,
        delta: np.ndarray | Numbers,
        weight_deltas: np.ndarray | Numbers,
        weights: np.ndarray | Numbers,
        weights_after: np.ndarray | Numbers,
        diverged: bool = False,
        frozen: np.ndarray | None = None,  # the frozen mask (None: none frozen); not in to_dict
    ) -> None:
        self.step, self.epoch, self.example, self.alpha = step, epoch, example, alpha
        self.diverged, self.frozen = diverged, frozen
        self._values = [input, true, pred, error, delta, weight_deltas, weights, weights_after]

    def _array(self, k: int) -> np.ndarray:
        value = self._values[k]
        if isinstance(value, np.ndarray):
            return value
        array = self._values[k] = np.array(value, dtype=np.float64)
        array.setflags(write=False)
        return array

    def numbers(self, name: str) -> Numbers:
        """The field ``name`` (one of ``ARRAYS``) as Python floats."""
        value = self._values[_PLACE[name]]
        return value.tolist() if isinstance(value, np.ndarray) else value

    @property
    def input(self) -> np.ndarray:
        return self._array(0)

    @property
    def true(self) -> np.ndarray:
        return self._array(1)

    @property
    def pred(self) -> np.ndarray:
        return self._array(2)

    @property
    def error(self) -> np.ndarray:
        return self._array(3)

    @property
    def delta(self) -> np.ndarray:
        return self._array(4)

    @property
    def weight_deltas(self) -> np.ndarray:
        return self._array(5)

    @property
    def weights(self) -> np.ndarray:
        return self._array(6)

    @property
    def weights_after(self) -> np.ndarray:
        return self._array(7)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"step": self.step, "epoch": self.epoch, "example": self.example}
        out["alpha"] = json_ready(self.alpha)
        for name in ARRAYS:
            out[name] = json_ready(self.numbers(name))
        out["diverged"] = self.diverged
        return out


@dataclass(frozen=True, eq=False)
class EpochRecord:
    """A finished pass over the scenario's examples (or, for epoch 0, a measurement without one).

    ``mean_error`` is the mean over the epoch's examples of the summed squared error, each measured
    before that example's update. Accuracies are None unless the scenario classifies.
    """

    epoch: int
    steps: int
    alpha: float
    mean_error: float
    train_accuracy: float | None = None
    test_accuracy: float | None = None
    diverged: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "epoch": self.epoch,
            "steps": self.steps,
            "alpha": self.alpha,
            "mean_error": json_ready(self.mean_error),
        }
        if self.train_accuracy is not None:
            out["train_accuracy"] = self.train_accuracy
        if self.test_accuracy is not None:
            out["test_accuracy"] = self.test_accuracy
        out["diverged"] = self.diverged
        return out
