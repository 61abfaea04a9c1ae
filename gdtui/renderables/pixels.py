"""Images in the terminal: two pixels a cell with the upper half block, as Rich's ColorBox does.

Values are quantised to a few levels so that every (top, bottom) pair maps to one Style, made
once a palette: building a 28x28 image is then a list lookup a cell. Terminals without true
colour get a shaded-block drawing instead: one shade character a cell (the mean of its two
pixels), blue for negative and orange for positive, which reads well on 256 colours.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from rich.color import Color
from rich.segment import Segment
from rich.style import Style

from ..palette import DARK, RGB, Pixels

LEVELS = 12  # per sign: quantised steps of |value| / scale
SHADES = " ░▒▓█"


def _mix(a: RGB, b: RGB, t: float) -> Color:
    return Color.from_rgb(*(round(x + (y - x) * t) for x, y in zip(a, b, strict=True)))


def _colour(pixels: Pixels, level: int, grey: bool) -> Color:
    """Level -LEVELS..LEVELS (diverging) or 0..LEVELS (ink on paper)."""
    t = abs(level) / LEVELS
    if grey:
        return _mix(pixels.paper, pixels.ink, t)
    return _mix(pixels.zero, pixels.positive if level > 0 else pixels.negative, t)


SPAN = 2 * LEVELS + 1  # levels -LEVELS..LEVELS, stored from index 0


@cache
def _pairs(pixels: Pixels, grey: bool) -> list[Segment]:
    """Every (top, bottom) half-block cell, made once: index (top + L) * SPAN + (bottom + L)."""
    colours = [_colour(pixels, level, grey) for level in range(-LEVELS, LEVELS + 1)]
    return [Segment("▀", Style(color=top, bgcolor=bottom)) for top in colours for bottom in colours]


@cache
def _shades(pixels: Pixels, grey: bool) -> list[Segment]:
    """One shade character a cell, index level + L."""
    out = []
    for level in range(-LEVELS, LEVELS + 1):
        index = round(abs(level) / LEVELS * (len(SHADES) - 1))
        sign = pixels.shade_positive if level > 0 else pixels.shade_negative
        out.append(Segment(SHADES[index], Style(color=pixels.shade_ink if grey else sign)))
    return out


def levels(values: np.ndarray, scale: float, grey: bool) -> np.ndarray:
    """Quantise to integer levels; values beyond +-scale saturate, non-finite ones too."""
    if not scale > 0 or not np.isfinite(scale):
        return np.zeros(values.shape, dtype=int)
    with np.errstate(all="ignore"):
        q = np.nan_to_num(values / scale * LEVELS, nan=0.0, posinf=LEVELS, neginf=-LEVELS)
    q = np.clip(np.rint(q), 0 if grey else -LEVELS, LEVELS).astype(int)
    return q


def image_rows(
    values: np.ndarray,
    scale: float,
    pixels: Pixels = DARK.pixels,
    *,
    grey: bool = False,
    truecolor: bool = True,
) -> list[list[Segment]]:
    """One line of segments per two pixel rows of ``values`` [rows][cols] (an odd last row is
    padded), each line as wide as ``values``. ``grey``: ink on paper, for input images."""
    q = levels(values, scale, grey) + LEVELS
    if len(q) % 2:
        q = np.vstack([q, np.full((1, q.shape[1]), LEVELS)])
    if truecolor:
        table, cells = _pairs(pixels, grey), q[0::2] * SPAN + q[1::2]
    else:
        table, cells = _shades(pixels, grey), (q[0::2] + q[1::2]) // 2
    return [_merge([table[c] for c in row]) for row in cells.tolist()]


def _merge(segments: list[Segment]) -> list[Segment]:
    """Runs of one cell into one segment: fewer segments for Textual to composite."""
    out: list[Segment] = []
    run, count = segments[0], 0
    for segment in segments:
        if segment is run:
            count += 1
        else:
            out.append(run if count == 1 else Segment(run.text * count, run.style))
            run, count = segment, 1
    out.append(run if count == 1 else Segment(run.text * count, run.style))
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
