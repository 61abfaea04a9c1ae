"""The chapter's arithmetic on arrays: predict, compare, learn, and the error/weight slice."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Up to this many inputs, predictions are summed input by input, left to right, exactly as the
# book's `out += input[i] * weights[i]` loop does, so printed digits match the notebook's to the
# last place. Wider networks (MNIST) use BLAS, whose summation order is its own.
BOOK_ORDER_MAX_INPUTS = 16


def predict(weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``weights @ x``, in the book's summation order for small networks."""
    if weights.shape[1] > BOOK_ORDER_MAX_INPUTS:
        return weights @ x
    out = weights[:, 0] * x[0]
    for j in range(1, weights.shape[1]):
        out = out + weights[:, j] * x[j]
    return out


def square(delta: np.ndarray, book: bool = True) -> np.ndarray:
    """``delta ** 2`` as the book computes it for small networks: Python's float power (C's
    ``pow``), which differs from ``delta * delta`` in the last digit now and then (1 line of
    1,500 iterations of multi-input). Wide networks square with NumPy."""
    if not book:
        return delta * delta
    out = []
    for d in delta.tolist():
        try:
            out.append(d**2)
        except OverflowError:  # Python raises where NumPy gives inf
            out.append(math.inf)
    return np.array(out)


@dataclass(frozen=True, eq=False)
class Update:
    """One example's prediction, comparison and weight change, before it is applied."""

    pred: np.ndarray
    error: np.ndarray
    delta: np.ndarray
    weight_deltas: np.ndarray
    weights_after: np.ndarray
    finite: bool


def compute_update(
    weights: np.ndarray, frozen: np.ndarray, alpha: float, x: np.ndarray, true: np.ndarray
) -> Update:
    """The chapter's step: pred, error = (pred - true)**2, delta, outer(delta, x), W - alpha*wd.

    Frozen weights get a weight_delta of 0, as the book's ``weight_deltas[0] = 0`` does.
    Overflow is not an error here: the caller checks ``finite``.
    """
    with np.errstate(all="ignore"):
        pred = predict(weights, x)
        delta = pred - true
        error = square(delta, book=weights.shape[1] <= BOOK_ORDER_MAX_INPUTS)
        weight_deltas = np.outer(delta, x)
        if frozen.any():
            weight_deltas[frozen] = 0.0
        weights_after = weights - alpha * weight_deltas
        finite = bool(
            np.isfinite(error).all()
            and np.isfinite(weight_deltas).all()
            and np.isfinite(weights_after).all()
        )
    return Update(pred, error, delta, weight_deltas, weights_after, finite)


@dataclass(frozen=True, eq=False)
class Curve:
    """One output's error against one weight, the other weights held where they are."""

    weights: np.ndarray  # sample points along the weight axis
    errors: np.ndarray  # the error at each sample point
    weight: float  # where the weight is now
    error: float  # the error there
    slope: float  # dError/dw at the current point: 2 * delta_i * x_j
    minimum: float  # the weight that would make this output's error 0 (nan when x_j == 0)


def error_curve(
    weights: np.ndarray,
    x: np.ndarray,
    true: np.ndarray,
    i: int,
    j: int,
    span: float | None = None,
    points: int = 41,
) -> Curve:
    """The parabola error_i(w) = (pred_i + (w - w_ij) * x_j - true_i)**2 through the current point.

    With a ``span``, the samples cover the current weight +- span. Without one, the window is
    centred between the current weight and the bottom of the bowl, wide enough to show both
    (+-1 around the weight when the input is 0 and the curve is flat).
    """
    with np.errstate(all="ignore"):
        w0 = float(weights[i, j])
        xj = float(x[j])
        delta = float(predict(weights, x)[i] - true[i])
        bottom = w0 - delta / xj if xj != 0 else float("nan")
        centre = w0
        if span is None:
            if xj != 0 and bottom != w0:
                centre, span = (w0 + bottom) / 2, abs(bottom - w0) * 1.6
            span = max(span or 1.0, 1e-3)
        ws = np.linspace(centre - span, centre + span, points)
        errors = (delta + (ws - w0) * xj) ** 2
    return Curve(ws, errors, w0, delta * delta, 2.0 * delta * xj, bottom)
