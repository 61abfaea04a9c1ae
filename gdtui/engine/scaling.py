"""Standardising the inputs: each column minus its mean, divided by its standard deviation.

The chapter's cure for inputs of very different sizes (toes near 9, the win record near 0.8).
The arithmetic is plain Python floats in a fixed order (a left-to-right sum, ``**`` squares,
the population standard deviation), so that ``replay.py`` repeats it to the last bit.
"""

from __future__ import annotations

import math

import numpy as np

from .state import frozen_array


def column_scales(inputs: np.ndarray) -> list[tuple[float, float]]:
    """Each input column's (mean, standard deviation) over the data's rows."""
    scales = []
    for column in inputs.T.tolist():
        total = 0.0
        for v in column:
            total += v
        mean = total / len(column)
        squares = 0.0
        for v in column:
            squares += (v - mean) ** 2
        scales.append((mean, math.sqrt(squares / len(column))))
    return scales


def standardised(inputs: np.ndarray) -> np.ndarray:
    """``inputs`` with each column standardised, read-only. A column whose values are all the
    same (standard deviation 0) is only centred: there is nothing to divide."""
    scales = column_scales(inputs)
    rows = [
        [
            (v - mean) / std if std > 0 else v - mean
            for v, (mean, std) in zip(row, scales, strict=True)
        ]
        for row in inputs.tolist()
    ]
    return frozen_array(np.array(rows, dtype=np.float64).reshape(inputs.shape))


def _follow(inputs: np.ndarray, events: list) -> tuple[np.ndarray, np.ndarray | None]:
    """The inputs after ``events`` (a history's ``[kind, count, value]`` lists), and those the
    standardising in force then replaced (None when none is). Only data edits and normalising
    change the inputs, so they are all this follows."""
    before: np.ndarray | None = None
    for kind, _, value in events:
        if kind == "data" and value[0] == "inputs":
            out = inputs.copy()
            out[value[1], value[2]] = value[3]
            inputs = frozen_array(out)
        elif kind == "normalise":
            if value is None:
                before, inputs = inputs, standardised(inputs)
            else:
                before, inputs = None, frozen_array(np.array(value, dtype=np.float64))
    return inputs, before


def inputs_after(inputs: np.ndarray, events: list) -> np.ndarray:
    """``inputs`` with ``events`` applied (see ``_follow``)."""
    return _follow(inputs, events)[0]


def raw_inputs(inputs: np.ndarray, events: list) -> np.ndarray | None:
    """The inputs the latest standardising replaced, when it is still in force after
    ``events``; else None."""
    return _follow(inputs, events)[1]
