"""The state of one network: weights, alpha, the frozen set, the data, and where it stands.

The invariant: an array once in a State never changes. A step, a freeze or an edit makes a new
State holding a new array (``changed`` below), and every array a State holds is marked
read-only, so writing into one raises instead of quietly changing a past state. Anything may
therefore keep a State, or any of its arrays, without copying: a checkpoint, an undo position,
a user interface's snapshot of what it drew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .problem import Problem
from .scaled import Inputs, Scaled


def frozen_array(array: np.ndarray) -> np.ndarray:
    """``array``, just made by the engine and shared with no one, marked read-only."""
    array.setflags(write=False)
    return array


def changed(array: np.ndarray, index: Any, value: Any) -> np.ndarray:
    """A read-only copy of ``array`` with ``array[index] = value``."""
    out = array.copy()
    out[index] = value
    return frozen_array(out)


@dataclass(frozen=True, eq=False, slots=True)
class State:
    """Everything that evolves, as one value: a checkpoint is the State itself."""

    weights: np.ndarray  # [n_out][n_in] float64
    alpha: float
    frozen: np.ndarray  # bool, shaped like weights
    inputs: Inputs  # the data, as edited so far (the problem's own arrays until then)
    targets: np.ndarray
    step: int = 0  # steps since the last reset
    trace_start: int = 0  # first row of the error trace that belongs to this run (since reset)
    diverged: bool = False

    @classmethod
    def start(cls, problem: Problem) -> State:
        return cls(
            weights=frozen_array(problem.weights.astype(np.float64, copy=True)),
            alpha=float(problem.alpha),
            frozen=frozen_array(problem.frozen.astype(bool, copy=True)),
            # Views: the problem's own arrays are not the engine's to mark (Scaled is read-only).
            inputs=problem.inputs
            if isinstance(problem.inputs, Scaled)
            else frozen_array(problem.inputs.view()),
            targets=frozen_array(problem.targets.view()),
        )

    def stepped(self, weights_after: np.ndarray | None) -> State:
        """One step on, with the update's weights (None: it overflowed, so diverged instead)."""
        if weights_after is None:
            return State(
                self.weights, self.alpha, self.frozen, self.inputs, self.targets,
                self.step + 1, self.trace_start, True,
            )  # fmt: skip
        return State(
            frozen_array(weights_after), self.alpha, self.frozen, self.inputs, self.targets,
            self.step + 1, self.trace_start, self.diverged,
        )  # fmt: skip
