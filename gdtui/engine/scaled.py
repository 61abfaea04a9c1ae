"""A table of bytes read as float64: MNIST's pixels kept as they are stored, one byte each.

Sixty thousand 28x28 images are 47 MB as bytes and 376 MB as float64. ``Scaled`` keeps the
bytes and divides on reading, so each row, block or value it gives is bit for bit what
``raw / divisor`` computed at once gives (the same division, element by element).
"""

from __future__ import annotations

from typing import Any, Union

import numpy as np


class Scaled:
    """``raw / divisor`` as a read-only [rows][columns] float64 table, ``raw`` a uint8 array.

    Indexing (``table[row]``, ``table[rows]``, ``table[a:b]``) gives float64 arrays;
    ``np.asarray(table)`` the whole table (large: meant for small ones). ``copy()`` gives a
    float64 array, so an edited table (``state.changed``) holds float64 values from then on.
    """

    __slots__ = ("divisor", "raw")

    def __init__(self, raw: np.ndarray, divisor: float):
        if raw.dtype != np.uint8 or raw.ndim != 2:
            raise ValueError(f"expected a 2-D uint8 array, not {raw.dtype} {raw.shape}")
        if not (np.isfinite(divisor) and divisor > 0):
            raise ValueError(f"the divisor must be a finite number above 0, not {divisor}")
        self.raw = raw.view()
        self.raw.setflags(write=False)
        self.divisor = float(divisor)

    @property
    def shape(self) -> tuple[int, int]:
        return self.raw.shape

    @property
    def ndim(self) -> int:
        return 2

    @property
    def dtype(self) -> np.dtype:
        return np.dtype(np.float64)

    @property
    def size(self) -> int:
        return int(self.raw.size)

    @property
    def nbytes(self) -> int:
        """What it takes in memory: the bytes."""
        return int(self.raw.nbytes)

    def __len__(self) -> int:
        return len(self.raw)

    def __getitem__(self, index: Any) -> Any:
        out = np.divide(self.raw[index], self.divisor)
        if isinstance(out, np.ndarray):
            out.setflags(write=False)
        return out

    def max(self) -> float:
        """The largest value: the largest byte divided (division keeps the order)."""
        return float(self.raw.max() / self.divisor)

    def min(self) -> float:
        return float(self.raw.min() / self.divisor)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.divide(self.raw, self.divisor)
        return out if dtype is None else out.astype(dtype, copy=False)

    def copy(self) -> np.ndarray:
        return np.divide(self.raw, self.divisor)

    @property
    def T(self) -> np.ndarray:
        return np.asarray(self).T

    def __repr__(self) -> str:
        return f"Scaled({self.shape[0]}x{self.shape[1]} bytes / {self.divisor})"


# What a problem's inputs may be: a float64 array, or bytes read as one.
Inputs = Union[np.ndarray, Scaled]  # noqa: UP007 - a runtime alias, read on Python 3.10 too
