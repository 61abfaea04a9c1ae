"""What the engine trains: data, starting weights and settings, as plain arrays."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .scaled import Inputs


@dataclass(frozen=True, eq=False)
class Problem:
    """A one-layer linear network and the examples it learns from.

    ``inputs`` is [rows][n_in] (float64, or bytes read as float64: ``Scaled``) and ``targets``
    [rows][n_out]; ``weights`` is the starting matrix [n_out][n_in]. ``examples`` are the rows
    one epoch trains on, in order.
    ``frozen`` is a boolean mask shaped like ``weights``. When ``classify`` is true, accuracy
    is the share of examples whose largest prediction is at the largest target; the optional
    test set is used only for measuring, never for training.
    """

    inputs: Inputs
    targets: np.ndarray
    weights: np.ndarray
    alpha: float
    examples: np.ndarray
    frozen: np.ndarray
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    classify: bool = False
    test_inputs: Inputs | None = None
    test_targets: np.ndarray | None = None

    @property
    def n_in(self) -> int:
        return int(self.weights.shape[1])

    @property
    def n_out(self) -> int:
        return int(self.weights.shape[0])
