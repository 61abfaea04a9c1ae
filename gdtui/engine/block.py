"""Per-sample gradient descent over a block of examples in a few BLAS calls.

Within a block of B examples, example k's delta depends on the earlier deltas only through the
Gram matrix G = X Xᵀ: d_k = W x_k − t_k − α Σ_{m<k} G_km d_m. With L the strictly lower triangle
of G that is (I + α L) D = X Wᵀ − T, one small solve for all B deltas, then W −= α Dᵀ X. The
result is the plain per-example loop's, up to rounding.
"""

from __future__ import annotations

import numpy as np

BLOCK = 48


class Systems:
    """The inverses of (I + α·tril(X Xᵀ, -1)) of one data set and alpha, by the block's place
    in the epoch (its first example's position, and its length). Holds the inputs array it was
    made for, so that its identity (the key: a State's arrays never change) stays valid."""

    def __init__(self) -> None:
        self._for: tuple[np.ndarray, float] | None = None
        self._inverses: dict[tuple[int, int], np.ndarray] = {}

    def inverse(
        self, inputs: np.ndarray, alpha: float, place: tuple[int, int], x: np.ndarray
    ) -> np.ndarray:
        if self._for is None or self._for[0] is not inputs or self._for[1] != alpha:
            self._for, self._inverses = (inputs, alpha), {}
        found = self._inverses.get(place)
        if found is None:
            n = len(x)
            system = np.tril(x @ x.T, -1)
            system *= alpha
            system += np.eye(n)
            found = self._inverses[place] = np.linalg.inv(system)
        return found


def block_epoch(
    weights: np.ndarray,
    free_rows: np.ndarray,
    alpha: float,
    inputs: np.ndarray,
    targets: np.ndarray,
    rows: np.ndarray,
    block: int = BLOCK,
    systems: Systems | None = None,
    offset: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Learn from ``inputs[rows]`` one row after another; return (weights, deltas [n][n_out]).

    ``free_rows`` marks the outputs that learn; the others keep their weights (a fully frozen
    row). Rows are gathered a block at a time: gathering a whole epoch of MNIST first would copy
    hundreds of megabytes. Overflow is not checked here: the caller checks what it gets back.
    ``systems`` caches the blocks' inverses; ``offset`` is the place of ``rows[0]`` in the
    epoch, which with the block's length names the block for the cache.
    """
    systems = systems if systems is not None else Systems()
    w = weights.copy()
    deltas = np.empty((len(rows), weights.shape[0]))
    # Examples in data order (the usual case) are read as slices, without copying.
    in_order = len(rows) > 0 and bool((np.diff(rows) == 1).all())
    with np.errstate(all="ignore"):
        for start in range(0, len(rows), block):
            index = rows[start : start + block]
            n = len(index)
            if in_order:
                index = slice(int(index[0]), int(index[0]) + n)  # type: ignore[assignment]
            x = inputs[index]
            residual = x @ w.T - targets[index]
            d = residual
            if free_rows.any():
                inverse = systems.inverse(inputs, alpha, (offset + start, n), x)
            if free_rows.all():
                d = inverse @ residual
                w -= alpha * (d.T @ x)
            elif free_rows.any():
                d[:, free_rows] = inverse @ residual[:, free_rows]
                w[free_rows] -= alpha * (d[:, free_rows].T @ x)
            deltas[start : start + n] = d
    return w, deltas
