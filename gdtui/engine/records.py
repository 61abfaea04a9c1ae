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


@dataclass(frozen=True, eq=False)
class StepRecord:
    """One example learned: the book's pred, error, delta and weight_deltas, and the weights
    before (as the book prints them) and after the update.

    ``step`` counts steps since the last reset, from 1; ``epoch`` is the epoch the step belongs
    to, from 1; ``example`` is the row of the data it learned from. Vectors are 1-D arrays (one
    value per output for pred, true, error and delta); weights are always 2-D [outputs][inputs].
    A diverged record is one whose numbers overflowed: its update was not applied.
    """

    step: int
    epoch: int
    example: int
    alpha: float
    input: np.ndarray
    true: np.ndarray
    pred: np.ndarray
    error: np.ndarray
    delta: np.ndarray
    weight_deltas: np.ndarray
    weights: np.ndarray
    weights_after: np.ndarray
    diverged: bool = False
    frozen: np.ndarray | None = None  # the frozen mask at this step (not printed by to_dict)

    FIELDS = (
        "step",
        "epoch",
        "example",
        "alpha",
        "input",
        "true",
        "pred",
        "error",
        "delta",
        "weight_deltas",
        "weights",
        "weights_after",
        "diverged",
    )

    def to_dict(self) -> dict[str, Any]:
        return {name: json_ready(getattr(self, name)) for name in self.FIELDS}


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
