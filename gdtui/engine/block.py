"""Per-sample gradient descent over a block of examples in a few BLAS calls.

Within a block of B examples, example k's delta depends on the earlier deltas only through the
Gram matrix G = X Xᵀ: d_k = W x_k − t_k − α Σ_{m<k} G_km d_m. With L the strictly lower triangle
of G that is (I + α L) D = X Wᵀ − T, one small solve for all B deltas, then W −= α Dᵀ X. The
result is the plain per-example loop's, up to rounding.

(I + α L)⁻¹ depends only on the data, alpha and where the block sits in the epoch, so
``Systems`` keeps it: an epoch after the first is the chain alone (two thin matrix products
and one B x B one a block). Inputs kept as bytes (``Scaled``) are read a block at a time as
whole numbers, exact in float64, and the products are divided by the divisor once, on the
B x n_out side: the same numbers as x / divisor up to rounding, without a float64 copy of
the whole table.
"""

from __future__ import annotations

import numpy as np

from .scaled import Inputs, Scaled

BLOCK = 32  # examples a solve: 24-48 run about as fast; the cache holds BLOCK floats an example
BUILD = 32  # blocks whose systems are built in one batch of matrix products and inversions


class Systems:
    """The inverses of (I + α·tril(X Xᵀ, -1)) of one data set and alpha, by the block's place
    in the epoch (its first example's position, and its length). Holds the inputs it was made
    for, so that its identity (the key: a State's arrays never change) stays valid."""

    def __init__(self) -> None:
        self._for: tuple[Inputs, float] | None = None
        self._inverses: dict[tuple[int, int], np.ndarray] = {}

    def inverse(
        self, inputs: Inputs, alpha: float, rows: np.ndarray, offset: int, start: int, n: int
    ) -> np.ndarray:
        """The inverse for the block of ``n`` rows at ``rows[start:]``, ``offset + start`` in
        the epoch; when it is missing, the next ``BUILD`` blocks' are made in one batch."""
        if self._for is None or self._for[0] is not inputs or self._for[1] != alpha:
            self._for, self._inverses = (inputs, alpha), {}
        found = self._inverses.get((offset + start, n))
        if found is None:
            self._build(inputs, alpha, rows, offset, start, n)
            found = self._inverses[(offset + start, n)]
        return found

    def _build(
        self, inputs: Inputs, alpha: float, rows: np.ndarray, offset: int, start: int, n: int
    ) -> None:
        stop = min(len(rows), start + BUILD * n)
        index = rows[start:stop]
        if isinstance(inputs, Scaled):  # the bytes themselves: whole numbers, see ``gram``
            x, factor = inputs.raw[_as_slice(index)], alpha / inputs.divisor / inputs.divisor
        else:
            x, factor = read(inputs, _as_slice(index), None)[0], alpha
        whole = len(x) // n
        parts = [(x[: whole * n].reshape(whole, n, -1), 0)]
        if whole * n < len(x):
            parts.append((x[whole * n :][None], whole * n))
        for stack, first in parts:
            system = np.tril(np.stack([gram(block) for block in stack]), -1)
            system *= factor
            system += np.eye(stack.shape[1])
            inverses = np.linalg.inv(system)
            size = stack.shape[1]
            for k in range(len(stack)):
                self._inverses[(offset + start + first + k * size, size)] = inverses[k]


EXACT32 = 2.0**24  # float32 holds every whole number below this


def gram(x: np.ndarray) -> np.ndarray:
    """``x @ x.T`` in float64 (NumPy makes it a symmetric rank-k update: half a product).

    Bytes are summed in float32, twice as fast, when that is exact: their products and sums
    are whole numbers, each partial sum no larger than the row's sum of squares (the terms are
    never negative), so the whole product is exact when every diagonal entry is below 2**24;
    and the float32 diagonal is below 2**24 exactly when the true one is. Otherwise float64.
    """
    if x.dtype == np.uint8:
        narrow = x.astype(np.float32)
        product = narrow @ narrow.T
        if product.diagonal().max(initial=0.0) < EXACT32:
            return product.astype(np.float64)
        x = x.astype(np.float64)
    return x @ x.T


def _as_slice(index: np.ndarray) -> np.ndarray | slice:
    return slice(int(index[0]), int(index[-1]) + 1) if _slices(index) else index


def read(
    inputs: Inputs, index: np.ndarray | slice, out: np.ndarray | None
) -> tuple[np.ndarray, float | None]:
    """Rows ``index`` (a slice: consecutive rows, read as a view of an array) as float64, and
    the divisor still to apply (None: none). Bytes are read as whole numbers, into ``out``
    if given."""
    if isinstance(inputs, Scaled):
        raw = inputs.raw[index]
        target = out[: len(raw)] if out is not None else np.empty(raw.shape)
        np.copyto(target, raw)
        return target, inputs.divisor
    if isinstance(index, slice) or out is None:
        return inputs[index], None
    return np.take(inputs, index, axis=0, out=out[: len(index)]), None


def _slices(rows: np.ndarray) -> bool:
    """Whether ``rows`` are consecutive, so that blocks of them can be read as slices."""
    return len(rows) > 0 and bool((np.diff(rows) == 1).all())


def block_epoch(
    weights: np.ndarray,
    free_rows: np.ndarray,
    alpha: float,
    inputs: Inputs,
    targets: np.ndarray,
    rows: np.ndarray,
    block: int = BLOCK,
    systems: Systems | None = None,
    offset: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Learn from ``inputs[rows]`` one row after another; return (weights, deltas [n][n_out]).

    ``free_rows`` marks the outputs that learn; the others keep their weights (a fully frozen
    row). Rows are read a block at a time: reading a whole epoch of MNIST first would copy
    hundreds of megabytes. Overflow is not checked here: the caller checks what it gets back.
    ``systems`` caches the blocks' inverses; ``offset`` is the place of ``rows[0]`` in the
    epoch, which with the block's length names the block for the cache.
    """
    systems = systems if systems is not None else Systems()
    n_out, n_in = weights.shape
    wt = np.array(weights.T, order="C")  # [n_in][n_out]: the products below write into it
    deltas = np.empty((len(rows), n_out))
    x_buffer, r_buffer = np.empty((block, n_in)), np.empty((block, n_out))
    e_buffer, change = np.empty((block, n_out)), np.empty((n_in, n_out))
    every, learns = bool(free_rows.all()), bool(free_rows.any())
    in_order = _slices(rows)
    with np.errstate(all="ignore"):
        for start in range(0, len(rows), block):
            n = min(block, len(rows) - start)
            index = (
                slice(int(rows[start]), int(rows[start]) + n)
                if in_order
                else rows[start : start + n]
            )
            x, divisor = read(inputs, index, x_buffer)
            residual = np.matmul(x, wt, out=r_buffer[:n])
            if divisor is not None:
                np.divide(residual, divisor, out=residual)
            residual -= targets[index]
            d = deltas[start : start + n]
            step = alpha if divisor is None else alpha / divisor
            if every:
                inverse = systems.inverse(inputs, alpha, rows, offset, start, n)
                np.matmul(inverse, residual, out=d)
                e = np.multiply(d, step, out=e_buffer[:n])
                wt -= np.matmul(x.T, e, out=change)
            elif learns:
                inverse = systems.inverse(inputs, alpha, rows, offset, start, n)
                d[:] = residual
                d[:, free_rows] = inverse @ residual[:, free_rows]
                wt[:, free_rows] -= x.T @ (d[:, free_rows] * step)
            else:
                d[:] = residual
    return np.ascontiguousarray(wt.T), deltas
