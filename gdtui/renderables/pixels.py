"""Images in the terminal: two pixels a cell with the upper half block, as Rich's ColorBox does.

Values are quantised to a few levels so that every (top, bottom) pair maps to one cached Style:
building a 28x28 image is then a dictionary lookup a cell. Terminals without true colour get a
shaded-block drawing instead: one shade character a cell (the mean of its two pixels), blue for
negative and orange for positive, which reads well on 256 colours.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

LEVELS = 12  # per sign: quantised steps of |value| / scale
NEGATIVE = (70, 140, 255)  # the book's dark areas: negative weights
ZERO = (28, 28, 34)
POSITIVE = (255, 190, 60)  # the bright areas: positive weights
INK = (245, 245, 245)  # input images: ink on black
SHADES = " ░▒▓█"


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> Color:
    return Color.from_rgb(*(round(x + (y - x) * t) for x, y in zip(a, b, strict=True)))


@cache
def _colour(level: int, grey: bool) -> Color:
    """Level -LEVELS..LEVELS (diverging) or 0..LEVELS (grey ink)."""
    t = abs(level) / LEVELS
    if grey:
        return _mix((0, 0, 0), INK, t)
    return _mix(ZERO, POSITIVE if level > 0 else NEGATIVE, t)


SPAN = 2 * LEVELS + 1  # levels -LEVELS..LEVELS, stored from index 0


@cache
def _pairs(grey: bool) -> list[Segment]:
    """Every (top, bottom) half-block cell, made once: index (top + L) * SPAN + (bottom + L)."""
    colours = [_colour(level, grey) for level in range(-LEVELS, LEVELS + 1)]
    return [Segment("▀", Style(color=top, bgcolor=bottom)) for top in colours for bottom in colours]


@cache
def _shades(grey: bool) -> list[Segment]:
    """One shade character a cell, index level + L."""
    out = []
    for level in range(-LEVELS, LEVELS + 1):
        index = round(abs(level) / LEVELS * (len(SHADES) - 1))
        colour = "grey93" if grey else ("dark_orange" if level > 0 else "dodger_blue2")
        out.append(Segment(SHADES[index], Style(color=colour)))
    return out


def levels(values: np.ndarray, scale: float, grey: bool) -> np.ndarray:
    """Quantise to integer levels; values beyond +-scale saturate, non-finite ones too."""
    if not scale > 0 or not np.isfinite(scale):
        return np.zeros(values.shape, dtype=int)
    with np.errstate(all="ignore"):
        q = np.nan_to_num(values / scale * LEVELS, nan=0.0, posinf=LEVELS, neginf=-LEVELS)
    q = np.clip(np.rint(q), 0 if grey else -LEVELS, LEVELS).astype(int)
    return q


def image_strips(
    values: np.ndarray, scale: float, *, grey: bool = False, truecolor: bool = True
) -> list[Strip]:
    """One Strip per two pixel rows of ``values`` [rows][cols] (an odd last row is padded)."""
    q = levels(values, scale, grey) + LEVELS
    if len(q) % 2:
        q = np.vstack([q, np.full((1, q.shape[1]), LEVELS)])
    width = q.shape[1]
    if truecolor:
        table, cells = _pairs(grey), q[0::2] * SPAN + q[1::2]
    else:
        table, cells = _shades(grey), (q[0::2] + q[1::2]) // 2
    return [Strip(_merge([table[c] for c in row]), width) for row in cells.tolist()]


def _merge(segments: list[Segment]) -> list[Segment]:
    """Runs of one cell into one segment: fewer segments for Textual to composite."""
    out: list[Segment] = []
    run, count = segments[0], 0
    for segment in segments:
        if segment is run:
            count += 1
        else:
            out.append(Segment(run.text * count, run.style))
            run, count = segment, 1
    out.append(Segment(run.text * count, run.style))
    return out


def pool(image: np.ndarray, k: int = 2) -> np.ndarray:
    """Mean of k x k blocks: a 28x28 image becomes 14x14 for a thumbnail."""
    rows, cols = image.shape[0] // k, image.shape[1] // k
    return image[: rows * k, : cols * k].reshape(rows, k, cols, k).mean(axis=(1, 3))


def robust_scale(values: np.ndarray) -> float:
    """A colour scale that one extreme weight cannot wash out: the 99.5th percentile of |v|."""
    finite = np.abs(values[np.isfinite(values)])
    if finite.size == 0:
        return 0.0
    return float(np.percentile(finite, 99.5)) or float(finite.max())
