"""The dot product view's drawing: the chapter's vectors, its pairs, and pred as a dot product."""

from __future__ import annotations

import numpy as np

from gdtui.palette import DARK
from gdtui.renderables.dot_vectors import (
    CHAPTER,
    PAIRS,
    DotsView,
    DotVectorsPlot,
    Prediction,
    dot,
    verdict,
)
from tests.book import w_sum

NAMES = tuple(name for name, _ in CHAPTER)


def view(vectors=None, pair=0, cursor=(0, 0), typing=None, prediction=None) -> DotsView:
    vectors = [list(v) for _, v in CHAPTER] if vectors is None else vectors
    edited = [list(v) != list(c) for v, (_, c) in zip(vectors, CHAPTER, strict=True)]
    return DotsView(NAMES, vectors, edited, cursor, typing, pair, prediction)


def plain(v: DotsView) -> list[str]:
    return [line.plain for line in DotVectorsPlot(v).lines()]


def test_the_chapters_a_and_b_have_nothing_in_common() -> None:
    # The chapter: a = [0, 1, 0, 1], b = [1, 0, 1, 0], [0, 0, 0, 0] -> 0.
    assert plain(view()) == [
        "the chapter's vectors (a and b from its text, c, d and e from its figure)",
        "  a = [    0    1    0    1 ]",
        "  b = [    1    0    1    0 ]",
        "  c = [    0    1    1    0 ]",
        "  d = [  0.5    0  0.5    0 ]",
        "  e = [    0    1   −1    0 ]",
        "a · b: multiply entry by entry, then add up",
        "  a     [    0    1    0    1 ]",
        "  b     [    1    0    1    0 ]",
        "  a × b [    0    0    0    0 ]  → 0",
        "  nothing in common: every product is 0",
        "",
        "pairs: a·b = 0  b·c = 1  b·d = 1  c·c = 2  d·d = 0.5  c·e = 0 ",
        "a dot product is a loose measure of similarity between two vectors",
    ]


def test_the_figures_pairs_score_as_the_books_w_sum_does() -> None:
    vectors = dict(CHAPTER)
    scores = {f"{NAMES[i]}·{NAMES[j]}": dot(CHAPTER[i][1], CHAPTER[j][1])[1] for i, j in PAIRS}
    assert scores == {"a·b": 0, "b·c": 1, "b·d": 1, "c·c": 2, "d·d": 0.5, "c·e": 0}
    for i, j in PAIRS:
        a, b = vectors[NAMES[i]], vectors[NAMES[j]]
        assert dot(a, b)[1] == w_sum(a, b)  # the chapter's own weighted sum


def test_each_pair_is_drawn_with_its_products_and_words_that_agree() -> None:
    assert "  d × d [  0.25     0  0.25     0 ]  → 0.5" in plain(view(pair=4))
    text = plain(view(pair=5))
    assert "  c × e [    0    1   −1    0 ]  → 0" in text
    assert "  the products cancel out: the sum is 0" in text
    assert "  they overlap in 2 entries: the score is above 0" in plain(view(pair=3))
    assert verdict([0.0, -1.0], -1.0) == "they point apart: the score is negative"


def test_an_edited_vector_is_marked_and_scored_anew() -> None:
    vectors = [list(v) for _, v in CHAPTER]
    vectors[0][0] = 3.0
    text = plain(view(vectors))
    assert "  a = [    3    1    0    1 ]  edited" in text
    assert "  a × b [    3    0    0    0 ]  → 3" in text
    assert "a·b = 3" in text[12]


def test_the_selected_entry_is_highlighted_and_shows_what_is_typed() -> None:
    lines = DotVectorsPlot(view(cursor=(3, 2), typing="-2.")).lines()
    d = lines[4]
    assert d.plain == "  d = [   0.5     0  -2.▏     0 ]"
    marked = [
        d.plain[s.start : s.end] for s in d.spans if s.style == DARK.strong + DARK.cursor_cell
    ]
    assert marked == ["  -2.▏"]


def test_a_prediction_is_the_weights_dot_the_input() -> None:
    x, w = np.array([8.5, 0.65, 1.2]), np.array([0.1, 0.2, 0.0])
    pred = Prediction("win", x, w, 0.98, 0, "j k: another output")
    assert plain(view(prediction=pred))[-4:] == [
        "the coming pred is a dot product too: weights · input (j k: another output)",
        "  input (row 0)   [   8.5  0.65   1.2 ]",
        "  weights of win  [   0.1   0.2     0 ]",
        "  input × weights [  0.85  0.13     0 ]  → 0.98 = pred of win",
    ]
    wide = Prediction("3", np.ones(784), np.full(784, 0.5), 392.0, 7, "h l: another digit")
    assert plain(view(prediction=wide))[-1] == (
        "  input (row 7) × weights of 3: 784 products, 784 not 0, add up to 392 = pred of 3"
    )
