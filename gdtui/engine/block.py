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
the whole table. A block's columns that are zero in all its rows are left out of its
products (MNIST's blank pixels: 40% of them in a block of 48), which changes nothing but the
order of the sums.
"""

from __future__ import annotations

import numpy as np

from .scaled import Inputs, Scaled

BLOCK = 48  # examples a solve: 48 and 64 ran 18% faster than 32 an epoch; the cache holds
# BLOCK floats an example (23 MB for MNIST's 60,000)
BUILD = 32  # blocks whose systems are built in one batch of matrix products and inversions

# The columns of a block of bytes that are not all zero, and the block's bytes in them: MNIST's
# blank border and background leave 60% of the 784 pixels in a block of 48 (471 bytes an
# example to keep), and the products over the others would add zeros.
Pack = tuple[np.ndarray, np.ndarray]


class Systems:
    """The inverses of (I + α·tril(X Xᵀ, -1)) of one data set and alpha, and the packed bytes
    of each block, by the block's place in the epoch (its first example's position, and its
    length). Holds the inputs it was made for, so that their identity (the key: a State's
    arrays never change) stays valid; the packs outlive a change of alpha."""

    def __init__(self) -> None:
        self._data: Inputs | None = None
        self._alpha: float | None = None
        self._inverses: dict[tuple[int, int], np.ndarray] = {}
        self._packs: dict[tuple[int, int], Pack] = {}

    def block(
        self, inputs: Inputs, alpha: float, rows: np.ndarray, offset: int, start: int, n: int
    ) -> tuple[np.ndarray, Pack | None]:
        """The inverse and the pack (None: no column to leave out) for the block of ``n`` rows
        at ``rows[start:]``, ``offset + start`` in the epoch; when they are missing, the next
        ``BUILD`` blocks' are made in one batch."""
        if inputs is not self._data:
            self._data, self._alpha, self._inverses, self._packs = inputs, alpha, {}, {}
        elif alpha != self._alpha:
            self._alpha, self._inverses = alpha, {}
        place = (offset + start, n)
        found = self._inverses.get(place)
        if found is None:
            self._build(inputs, alpha, rows, offset, start, n)
            found = self._inverses[place]
        return found, self._packs.get(place)

    def _build(
        self, inputs: Inputs, alpha: float, rows: np.ndarray, offset: int, start: int, n: int
    ) -> None:
        stop = min(len(rows), start + BUILD * n)
        index = rows[start:stop]
        first = [(offset + start + k, min(n, stop - start - k)) for k in range(0, stop - start, n)]
        if isinstance(inputs, Scaled):  # the bytes themselves: whole numbers, see ``grams``
            raw, factor = inputs.raw[as_slice(index)], alpha / inputs.divisor / inputs.divisor
            blocks = []
            for place in first:
                part = raw[place[0] - offset - start :][: place[1]]
                used = np.flatnonzero(part.any(axis=0))
                if len(used) < part.shape[1]:
                    part = np.take(part, used, axis=1)  # (10 us a block; part[:, used]: 18)
                    self._packs[place] = (used, part)
                blocks.append(part)
        else:
            x, factor = read(inputs, as_slice(index), None)[0], alpha
            blocks = [x[p - offset - start :][:size] for p, size in first]
        for size in sorted({size for _, size in first}):
            same = [k for k, (_, length) in enumerate(first) if length == size]
            inverses = unit_lower_inverses(grams([blocks[k] for k in same]), factor)
            for k, inverse in zip(same, inverses, strict=True):
                self._inverses[first[k]] = inverse


EXACT32 = 2.0**24  # float32 holds every whole number below this


def grams(blocks: list[np.ndarray]) -> np.ndarray:
    """``x @ x.T`` in float64 for each block x, as a stack (NumPy makes each a symmetric
    rank-k update: half a product; a batched product of a stack would be a general one).

    Bytes are summed in float32, twice as fast, when that is exact: their products and sums
    are whole numbers, each partial sum no larger than the row's sum of squares (the terms are
    never negative), so a block's product is exact when every diagonal entry is below 2**24,
    and the float32 diagonal is below 2**24 exactly when the true one is. Otherwise float64.
    """
    out = []
    for x in blocks:
        if x.dtype == np.uint8:
            narrow = x.astype(np.float32)
            product = narrow @ narrow.T
            if product.diagonal().max(initial=0.0) < EXACT32:
                out.append(product.astype(np.float64))
                continue
            x = x.astype(np.float64)
        out.append(x @ x.T)
    return np.stack(out)


def unit_lower_inverses(grams: np.ndarray, factor: float) -> np.ndarray:
    """(I + factor·tril(G, -1))⁻¹ for each G of the stack, by forward substitution on all of
    them at once: row k of the inverse is e_k − Σ_{m<k} factor·G_km·(row m)."""
    size = grams.shape[1]
    lower = grams * (factor * np.tri(size, k=-1))
    inverse = np.zeros_like(grams)
    inverse[:, np.arange(size), np.arange(size)] = 1.0
    for k in range(1, size):
        inverse[:, k, :k] -= np.matmul(lower[:, k : k + 1, :k], inverse[:, :k, :k])[:, 0]
    return inverse


def as_slice(index: np.ndarray) -> np.ndarray | slice:
    """Consecutive rows as a slice, which reads a view of an array instead of a copy."""
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
    out: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Learn from ``inputs[rows]`` one row after another; return (weights, deltas [n][n_out]).

    ``free_rows`` marks the outputs that learn; the others keep their weights (a fully frozen
    row). Rows are read a block at a time: reading a whole epoch of MNIST first would copy
    hundreds of megabytes. Overflow is not checked here: the caller checks what it gets back.
    ``systems`` caches the blocks' inverses; ``offset`` is the place of ``rows[0]`` in the
    epoch, which with the block's length names the block for the cache. The deltas are
    written into ``out`` when given.
    """
    systems = systems if systems is not None else Systems()
    n_out, n_in = weights.shape
    wt = np.array(weights.T, order="C")  # [n_in][n_out]: the products below write into it
    deltas = np.empty((len(rows), n_out)) if out is None else out
    x_buffer, r_buffer = np.empty(block * n_in), np.empty((block, n_out))
    e_buffer, w_buffer, change = np.empty((block, n_out)), np.empty(wt.size), np.empty(wt.size)
    every, learns = bool(free_rows.all()), bool(free_rows.any())
    # W's rows as single items, so that taking and putting back a block's rows copies whole
    # rows (putting them back this way ran 4x faster than ``wt[used] = w``).
    row = np.dtype((np.void, n_out * wt.itemsize))
    wt_rows = wt.view(row).reshape(n_in)
    in_order = _slices(rows)
    with np.errstate(all="ignore"):
        for start in range(0, len(rows), block):
            n = min(block, len(rows) - start)
            index = (
                slice(int(rows[start]), int(rows[start]) + n)
                if in_order
                else rows[start : start + n]
            )
            pack = None
            if learns:
                inverse, pack = systems.block(inputs, alpha, rows, offset, start, n)
            if pack is None:
                x, divisor = read(inputs, index, x_buffer[: n * n_in].reshape(n, n_in))
                w = wt
            else:  # the block's columns that are not all zero, and those rows of W
                used, packed = pack
                x = x_buffer[: packed.size].reshape(packed.shape)
                np.copyto(x, packed)
                divisor = inputs.divisor  # type: ignore[union-attr]
                w = w_buffer[: len(used) * n_out].reshape(-1, n_out)
                wt_rows.take(used, out=w.view(row).reshape(-1), mode="clip")  # all in range
            residual = np.matmul(x, w, out=r_buffer[:n])
            if divisor is not None:
                np.divide(residual, divisor, out=residual)
            residual -= targets[index]
            d = deltas[start : start + n]
            step = alpha if divisor is None else alpha / divisor
            if every:
                np.matmul(inverse, residual, out=d)
                e = np.multiply(d, step, out=e_buffer[:n])
                w -= np.matmul(x.T, e, out=change[: w.size].reshape(w.shape))
            elif learns:
                d[:] = residual
                d[:, free_rows] = inverse @ residual[:, free_rows]
                w[:, free_rows] -= x.T @ (d[:, free_rows] * step)
            else:
                d[:] = residual
            if pack is not None:
                wt_rows.put(pack[0], w.view(row).reshape(-1))
    return np.ascontiguousarray(wt.T), deltas
