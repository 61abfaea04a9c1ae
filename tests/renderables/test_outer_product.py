"""The outer product view's drawing: the chapter's first 3x3 step, frozen cells, shapes."""

from __future__ import annotations

import numpy as np
from rich.console import Console

from gdtui.palette import DARK
from gdtui.renderables.outer_product import OuterProduct, OuterView, columns_shown, shape_note

INPUTS = np.array([8.5, 0.65, 1.2])  # toes, wlrec, nfans of the first game
WEIGHTS = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
TRUE = np.array([0.1, 1.0, 0.1])


def chapter_view(frozen=None, selected=(0, 0), alpha=0.01) -> OuterView:
    frozen = np.zeros((3, 3), bool) if frozen is None else np.asarray(frozen)
    delta = WEIGHTS @ INPUTS - TRUE
    weight_deltas = np.where(frozen, 0.0, np.outer(delta, INPUTS))
    return OuterView(
        ("toes", "wlrec", "nfans"),
        ("hurt", "win", "sad"),
        INPUTS,
        delta,
        weight_deltas,
        WEIGHTS,
        WEIGHTS - alpha * weight_deltas,
        frozen,
        alpha,
        selected,
        1,
        0,
    )


def plain(view: OuterView, width: int = 80) -> list[str]:
    return [line.plain for line in OuterProduct(view).lines(width)]


def test_the_chapters_first_step() -> None:
    # The chapter's deltas are 0.455, -0.02 and 0.865; toes' weight_deltas 3.8675, -0.17, 7.3525.
    assert plain(chapter_view()) == [
        "weight_deltas for step 1 (data row 0): each output's delta × each input",
        "            input →      toes     wlrec     nfans",
        " output    delta ↓        8.5      0.65       1.2",
        " hurt       0.4550      3.8675    0.2958    0.5460",
        " win       -0.0200     -0.1700   -0.0130   -0.0240",
        " sad        0.8650      7.3525    0.5623    1.0380",
        " rows are outputs, columns inputs: [out][in] = delta[out] × input[in]",
        "",
        "alpha × weight_deltas (alpha 0.01): taken from each weight this step",
        " hurt                   0.0387    0.0030    0.0055",
        " win                   -0.0017   -0.0001   -0.0002",
        " sad                    0.0735    0.0056    0.0104",
        "weight_deltas[hurt][toes] = delta[hurt] × input[toes] = 0.455 × 8.5 = 3.8675",
        "weights[hurt][toes] = 0.1 − 0.01 × 3.8675 = 0.0613",
        shape_note(3, 3),
    ]


def test_the_selected_cell_is_written_out_and_highlighted() -> None:
    lines = OuterProduct(chapter_view(selected=(2, 1))).lines(80)
    text = [line.plain for line in lines]
    assert "weight_deltas[sad][wlrec] = delta[sad] × input[wlrec] = 0.865 × 0.65 = 0.5623" in text
    assert "weights[sad][wlrec] = 1.3 − 0.01 × 0.5623 = 1.2944" in text
    sad = lines[5]
    highlighted = [
        sad.plain[s.start : s.end]
        for s in sad.spans
        if DARK.cursor_cell.bgcolor
        in (
            s.style.bgcolor,  # type: ignore[union-attr]
        )
    ]
    assert highlighted == ["   0.5623"]


def test_a_frozen_cell_is_zero_and_says_what_it_would_have_been() -> None:
    frozen = np.zeros((3, 3), bool)
    frozen[1, 0] = True
    text = plain(chapter_view(frozen, selected=(1, 0)))
    assert text[4] == " win       -0.0200     ❄0.0000   -0.0130   -0.0240"
    assert "weight_deltas[win][toes] = 0: the weight is frozen" in text
    assert (
        "  (delta[win] × input[toes] = −0.02 × 8.5 = −0.17 is not taken); "
        "weights[win][toes] stays 0.1" in text
    )


def test_one_output_is_a_one_row_outer_product() -> None:
    assert "one-row outer product" in shape_note(1, 3)
    assert "ele_mul(delta, input)" in shape_note(1, 3)
    assert "one-column" in shape_note(3, 1) and "ele_mul(input, delta)" in shape_note(3, 1)
    assert "single product" in shape_note(1, 1)


def test_wide_networks_show_a_window_around_the_selected_input() -> None:
    assert columns_shown(3, 0, 10) == range(3)
    assert columns_shown(784, 400, 6) == range(397, 403)
    assert columns_shown(784, 0, 6) == range(0, 6)
    assert columns_shown(784, 783, 6) == range(778, 784)


def test_notes_wrap_and_rows_do_not() -> None:
    console = Console(width=50, record=True, color_system=None)
    console.print(OuterProduct(chapter_view()))
    out = console.export_text().splitlines()
    # The matrix rows are cut at the edge, never folded onto a second line.
    assert " hurt       0.4550      3.8675    0.2958    0.5460" in out
    assert out[-1].endswith("the same products, transposed")  # the note, folded
    assert all(len(line) <= 50 for line in out)
