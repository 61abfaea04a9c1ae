"""What the main screen shows at one moment: a ``Frame``, made by the controller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .engine import Curve, EpochRecord, Inputs, Problem, Stability, StepRecord
from .experiments import Experimental


def is_image(problem: Problem) -> bool:
    """28x28 inputs get the MNIST view: pictures instead of a diagram and a table."""
    return problem.n_in == 28 * 28


@dataclass(frozen=True, eq=False, repr=False)  # (a repr of every array: of no use)
class Frame:
    """Everything the main screen shows at one moment. Its arrays are the engine's own, which
    never change once made (see ``gdtui.engine.state``): a frame can be kept and compared."""

    version: int  # counts frames: a cheap "something changed"
    name: str  # the scenario's
    problem: Problem
    coming: StepRecord  # the step the next key press takes
    last: StepRecord | None  # the step just taken, if the last change was a step
    weights: np.ndarray
    frozen: np.ndarray
    inputs: Inputs  # the data, as edited (MNIST's pixels as bytes: see Scaled)
    targets: np.ndarray
    alpha: float
    step: int
    epoch_length: int
    example: int  # the data row the coming step learns from
    diverged: bool
    playing: bool
    speed: int
    cursor: tuple[int, int]  # the selected weight (output, input)
    digit: int  # the selected digit in the MNIST view
    stage: str | None  # the stage of a step shown ("predict", "compare", "learn"), or None
    curve: Curve  # the selected weight's error curve
    curves: tuple[Curve, ...]  # every weight's of the selected output, when there are few
    errors: np.ndarray  # each step's error per output since the last reset
    epoch_means: np.ndarray  # each finished epoch's mean summed error
    epoch_accuracy: np.ndarray  # and its share of examples predicted right
    last_epoch: EpochRecord | None  # the epoch the last `e` finished
    test_accuracy: float | None
    stability: Stability  # alpha·|x|² against its limit 2
    enabled: frozenset[str]  # the ruled actions that can run now
    history: Callable[[int, int], list[StepRecord]]  # Controller.history_rows
    experiments: Experimental | None = None  # the ghost run, the plane's weights (not MNIST)

    @property
    def images(self) -> bool:
        return is_image(self.problem)

    def predict(self, pixels: np.ndarray) -> np.ndarray:
        """What the network predicts now for an input of its own (a digit drawn on the canvas):
        each output's weights times ``pixels``, summed, as ``coming.pred`` is for the data."""
        with np.errstate(all="ignore"):
            return self.weights @ np.asarray(pixels, dtype=np.float64).reshape(-1)

    @property
    def epochs_done(self) -> int:
        return self.step // self.epoch_length
