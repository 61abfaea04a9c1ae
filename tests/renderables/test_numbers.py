"""How numbers read on screen."""

from __future__ import annotations

import math

from gdtui.renderables.numbers import (
    alpha_text,
    error_text,
    fit,
    moves,
    num,
    reading,
    short,
    signed,
)


def test_num_has_the_books_four_decimals():
    assert num(0.11579) == "0.1158"
    assert num(-0.00001) == "0.0000"  # no minus zero
    assert num(12345.0) == "1.23e+04"
    assert num(math.nan) == num(math.inf) == "overflow"


def test_fit_pads_and_shortens_the_exponent():
    assert fit(0.1, 9) == "   0.1000"
    assert fit(-123456.0, 8) == "-1.2e+05"


def test_the_others():
    assert error_text(0.0000123) == "1.23e-05"
    assert error_text(0.5) == "0.5000"
    assert (signed(0.5), signed(-0.5), signed(0.0)) == ("+0.5000", "-0.5000", "0.0000")
    assert (short(8.5), short(0.65), short(1.2e5), short(0.0)) == ("8.5", "0.65", "1.20e+05", "0")
    assert alpha_text(1e-05) == "1e-05"
    assert [reading(-1.0), reading(1.0), reading(0.0), reading(math.inf)] == [
        "predict higher",
        "predict lower",
        "spot on",
        "overflow",
    ]
    # A delta that shows as 0.0000 is spot on: the words agree with the number beside them.
    assert (reading(-0.00004), num(-0.00004)) == ("spot on", "0.0000")
    assert reading(-0.00006) == "predict higher"
    assert (moves(-0.01), moves(0.01), moves(0.00001), moves(math.nan)) == (1, -1, 0, 0)
