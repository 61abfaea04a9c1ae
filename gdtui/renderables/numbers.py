"""How numbers look on screen: fixed width, and ``overflow`` instead of garbage."""

from __future__ import annotations

import math

OVERFLOW = "overflow"
MINUS = "−"  # U+2212, the minus sign of written-out arithmetic
SHOWN = 5e-5  # below this a value prints as 0.0000 at four decimals: it reads as zero


def num(value: float) -> str:
    """Four decimals (so the book's 0.1158 reads as printed); numbers too big for them in
    scientific notation, and a non-finite one as the word ``overflow``."""
    v = float(value)
    if not math.isfinite(v):
        return OVERFLOW
    if abs(v) >= 1e4:
        return f"{v:.2e}"
    text = f"{v:.4f}"
    return "0.0000" if text == "-0.0000" else text


def fit(value: float, width: int) -> str:
    """``num`` right-aligned in ``width``, with fewer digits of exponent notation if too long."""
    text = num(value)
    if len(text) > width:
        text = f"{float(value):.1e}"
        if len(text) > width:
            text = f"{float(value):.0e}"
    return text.rjust(width)


def tick(value: float) -> str:
    """An axis label: like ``num``, but small numbers keep their digits (4.10e-05, not 0.0000)."""
    v = float(value)
    if v == 0 or not math.isfinite(v) or 1e-3 <= abs(v) < 1e4:
        return num(v) if v != 0 else "0"
    return f"{v:.2e}"


def error_text(value: float) -> str:
    """An error (a square, so often tiny): four decimals, or three digits when below 0.001."""
    v = float(value)
    if v == 0 or not math.isfinite(v) or abs(v) >= 1e-3:
        return num(v)
    return f"{v:.2e}"


def signed(value: float) -> str:
    """Like ``num`` with an explicit sign, for deltas."""
    text = num(value)
    return text if text.startswith(("-", OVERFLOW)) or text == "0.0000" else f"+{text}"


def short(value: float) -> str:
    """A data value as the book writes it: 8.5, 0.65, 1.2 (``num`` without trailing zeros)."""
    text = num(value)
    if text == OVERFLOW or "e" in text:
        return text
    return text.rstrip("0").rstrip(".") or "0"


def alpha_text(alpha: float) -> str:
    """Alpha without trailing noise: 0.01, 0.005, 1e-05."""
    return f"{float(alpha):.6g}"


def reading(delta: float) -> str:
    """The book's reading of an output's delta (pred - true); a delta that shows as 0.0000 is
    "spot on", so the words never contradict the number beside them."""
    d = float(delta)
    if not math.isfinite(d):
        return "overflow"
    if abs(d) < SHOWN:
        return "spot on"
    return "predict higher" if d < 0 else "predict lower"


def moves(change: float) -> int:
    """Which way a weight moves when ``change`` (alpha × weight_delta) is taken from it: +1
    grows, -1 shrinks, 0 stays (the change does not show at four decimals)."""
    c = float(change)
    if not math.isfinite(c) or abs(c) < SHOWN:
        return 0
    return 1 if c < 0 else -1
