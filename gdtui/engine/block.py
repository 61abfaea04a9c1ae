"""Per-sample gradient descent over a block of examples in a few BLAS calls.

Within a block of B examples, example k's delta depends on the earlier deltas only through the
Gram matrix G = X Xᵀ: d_k = W x_k − t_k − α Σ_{m<k} G_km d_m. With L the strictly lower triangle
of G that is (I + α L) D = X Wᵀ − T, one small solve for all B deltas, then W −= α Dᵀ X. The
result is the plain per-example loop's, up to rounding.
"""

from __future__ import annotations

import numpy as np

BLOCK = 48


def block_epoch(
    weights: np.ndarray,
    free_rows: np.ndarray,
    alpha: float,
    inputs: np.ndarray,
    targets: np.ndarray,
    rows: np.ndarray,
    block: int = BLOCK,
) -> tuple[np.ndarray, np.ndarray]:
    """Learn from ``inputs[rows]`` one row after another; return (weights, deltas [n][n_out]).

    ``free_rows`` marks the outputs that learn; the others keep their weights (a fully frozen
    row). Rows are gathered a block at a time: gathering a whole epoch of MNIST first would copy
    hundreds of megabytes. Overflow is not checked here: the caller checks what it gets back.
    """
    w = weights.copy()
    deltas = np.empty((len(rows), weights.shape[0]))
    eye = np.eye(block)
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
            system = np.tril(x @ x.T, -1)
            system *= alpha
            system += eye[:n, :n]
            d = residual
            if free_rows.all():
                d = np.linalg.solve(system, residual)
                w -= alpha * (d.T @ x)
            elif free_rows.any():
                d[:, free_rows] = np.linalg.solve(system, residual[:, free_rows])
                w[free_rows] -= alpha * (d[:, free_rows].T @ x)
            deltas[start : start + n] = d
    return w, deltas
