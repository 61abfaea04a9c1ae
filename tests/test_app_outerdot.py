"""The outer product (w) and dot product (v) views, driven by keys: what they show and do."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from gdtui.app import GdtuiApp, create_app
from gdtui.renderables.numbers import num
from gdtui.widgets.dot_vectors import DotVectors
from tests import book
from tests.helpers import app_on

SIZE = (120, 40)
ROW = re.compile(r"^│\s+(hurt|win|sad)\s+(-?\d+\.\d{4})((?:\s+❄?-?\d+\.\d{4}){3})")


def matrix_on_screen(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The delta column and the weight_deltas rows as the outer product view draws them."""
    deltas, rows = [], []
    for line in text.splitlines():
        found = ROW.match(line)
        if found:
            deltas.append(float(found[2]))
            rows.append([float(cell.lstrip("❄")) for cell in found[3].split()])
    return np.array(deltas), np.array(rows)


def dots(app: GdtuiApp) -> DotVectors:
    return app.main.query_one("#dots", DotVectors)


async def test_w_draws_weight_deltas_as_the_outer_product_of_delta_and_input(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert app.main.view == "outer"
        for steps in range(3):  # the view follows the steps
            text = screen_text(app)
            record = app.controller.trainer.peek()
            assert f"weight_deltas for step {steps + 1} (data row 0)" in text
            assert "network: inputs" not in text  # in the network's place
            deltas, cells = matrix_on_screen(text)
            assert cells.shape == (3, 3)
            # What is drawn is the engine's weight_deltas, to the four decimals shown ...
            assert [num(d) for d in deltas] == [num(d) for d in record.delta]
            assert [[num(c) for c in row] for row in cells] == [
                [num(c) for c in row] for row in record.weight_deltas
            ]
            # ... which is the delta column times the input row, by NumPy and by the book.
            np.testing.assert_allclose(
                record.weight_deltas, np.outer(record.delta, record.input), rtol=1e-12
            )
            by_book = book.outer_prod(record.delta.tolist(), record.input.tolist())
            np.testing.assert_allclose(record.weight_deltas, by_book, rtol=1e-12)
            await pilot.press("space")
        await pilot.press("w")
        assert app.main.view is None and "network: inputs" in screen_text(app)


async def test_the_chapters_first_step_and_the_selected_cell_written_out(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        text = screen_text(app)
        # The chapter's deltas 0.455, -0.02, 0.865 and toes' weight_deltas.
        assert "hurt       0.4550      3.8675    0.2958    0.5460" in text
        assert "win       -0.0200     -0.1700   -0.0130   -0.0240" in text
        assert "sad        0.8650      7.3525    0.5623    1.0380" in text
        assert "rows are outputs, columns inputs" in text
        line = "weight_deltas[hurt][toes] = delta[hurt] × input[toes] = 0.455 × 8.5 = 3.8675"
        assert line in text
        assert "weights[hurt][toes] = 0.1 − 0.01 × 3.8675 = 0.0613" in text
        await pilot.press("j", "l")  # the screen's cursor: win, wlrec
        assert app.controller.cursor == (1, 1)
        text = screen_text(app)
        assert "weight_deltas[win][wlrec] = delta[win] × input[wlrec] = −0.02 × 0.65" in text
        assert "weights[win][wlrec] = 0.2 − 0.01 × (−0.013) = 0.2001" in text


async def test_a_frozen_weight_gets_no_weight_delta(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "w")
        text = screen_text(app)
        assert app.controller.trainer.peek().weight_deltas[0, 0] == 0.0
        assert "hurt       0.4550     ❄0.0000    0.2958    0.5460" in text
        assert "weight_deltas[hurt][toes] = 0: the weight is frozen" in text
        assert "(delta[hurt] × input[toes] = 0.455 × 8.5 = 3.8675 is not taken);" in text
        assert "weights[hurt][toes] stays 0.1" in text


async def test_one_input_is_a_one_column_outer_product(screen_text) -> None:
    app = app_on("multi-output")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        text = screen_text(app)
        assert "one-column outer product" in text and "ele_mul(input, delta)" in text
        # The chapter's first multiple-output step: weight_deltas 0.06175, -0.5655, 0.31525.
        assert "hurt       0.0950      0.0618" in text
        assert "win       -0.8700     -0.5655" in text
        assert "sad        0.4850      0.3153" in text
        line = "weight_deltas[hurt][wlrec] = delta[hurt] × input[wlrec] = 0.095 × 0.65 = 0.0618"
        assert line in text


async def test_v_shows_the_chapters_vectors_and_editing_changes_the_sum(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert app.main.view == "dots" and app.focused is dots(app)
        text = screen_text(app)
        assert "a = [    0    1    0    1 ]" in text and "b = [    1    0    1    0 ]" in text
        assert "a × b [    0    0    0    0 ]  → 0" in text
        assert "nothing in common: every product is 0" in text
        assert "a·b = 0  b·c = 1  b·d = 1  c·c = 2  d·d = 0.5  c·e = 0" in text
        # a[0] = 1: now a and b overlap in the first entry.
        await pilot.press("1", "enter")
        assert dots(app).vectors[0] == [1.0, 1.0, 0.0, 1.0] and dots(app).dot(0, 1) == 1.0
        text = screen_text(app)
        assert "a = [    1    1    0    1 ]  edited" in text
        assert "a × b [    1    0    0    0 ]  → 1" in text and "a·b = 1 " in text
        await pilot.press("plus")  # + adds 0.5
        assert "a × b [  1.5    0    0    0 ]  → 1.5" in screen_text(app)
        await pilot.press("right", "right", "minus")  # a[2] = -0.5
        assert dots(app).vectors[0] == [1.5, 1.0, -0.5, 1.0] and dots(app).dot(0, 1) == 1.0
        assert "the products cancel" not in screen_text(app)
        await pilot.press("delete")  # the chapter's a again
        assert dots(app).vectors[0] == [0.0, 1.0, 0.0, 1.0]
        await pilot.press("tab")  # the figure's next pair
        text = screen_text(app)
        assert "b × c [    0    0    1    0 ]  → 1" in text
        assert app.controller.trainer.steps == 0  # no key reached the training


async def test_typing_a_negative_number_and_cancelling(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "down", "2", "minus")
        assert dots(app).typing == "-2"
        await pilot.press("escape")
        assert dots(app).typing is None and dots(app).vectors[1][0] == 1.0
        await pilot.press("2", "minus", "enter")
        assert dots(app).vectors[1][0] == -2.0
        assert "b = [   −2    0    1    0 ]  edited" in screen_text(app)


async def test_the_prediction_is_the_selected_outputs_weights_dot_the_input(screen_text) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v", "j")  # j: the screen's cursor, on win
        text = screen_text(app)
        assert "input (row 0)   [   8.5  0.65   1.2 ]" in text
        assert "weights of win  [   0.1   0.2     0 ]" in text
        assert "input × weights [  0.85  0.13     0 ]  → 0.98 = pred of win" in text
        await pilot.press("space")  # a step taken from the view: the next step's numbers
        pred = app.controller.trainer.peek().pred[1]
        assert f"→ {num(pred).rstrip('0')} = pred of win" in screen_text(app)


async def test_on_mnist_v_opens_and_w_does_not(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        assert app.main.view is None
        await pilot.press("e", "v", "l", "l", "l")  # a trained epoch; h l pick a digit
        assert app.main.view == "dots" and app.controller.digit == 3
        record = app.controller.trainer.peek()
        nonzero = int(np.count_nonzero(record.input * record.weights[3]))
        text = screen_text(app)
        assert "a × b [    0    0    0    0 ]  → 0" in text
        assert f"784 products, {nonzero} not 0, add up to" in text and "= pred of 3" in text


async def test_the_session_keeps_the_view_shown() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert app.main.panels()["view"] == "outer"
        await pilot.press("v")
        assert app.main.panels()["view"] == "dots"


async def test_random_keys_in_both_views_keep_them_truthful() -> None:
    # Diverge overflows within a few steps: the views must say "overflow", not break.
    keys = ("space", "w", "v", "tab", "delete", "enter", "escape", "backspace", "plus", "minus")
    keys += ("up", "down", "left", "right", "j", "l", "f", "u", "1", "full_stop", "5", "0")
    rng = np.random.default_rng(7)
    for name in ("diverge", "multi-in-out"):
        app = app_on(name)
        async with app.run_test(size=(80, 24)) as pilot:
            for key in rng.choice(keys, 40):
                await pilot.press(str(key))
            await pilot.pause()
            assert app.is_running and app.main.view in (None, "outer", "dots")
            if app.main.query("#dots"):
                view = dots(app)
                assert all(len(vector) == 4 for vector in view.vectors)
                assert all(np.isfinite(vector).all() for vector in view.vectors)


async def test_both_views_are_in_the_command_palette_where_they_can_open() -> None:
    for name, shown in (
        ("multi-in-out", {"Outer product (w)", "Dot products (v)"}),
        ("mnist", {"Dot products (v)"}),
    ):
        app = app_on(name)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            titles = {str(command.title) for command in app.get_system_commands(app.screen)}
            assert titles & {"Outer product (w)", "Dot products (v)"} == shown


async def test_names_with_markup_show_literally_in_both_views(screen_text) -> None:
    from gdtui.scenario import load_scenario
    from gdtui.widgets.literal import visible

    scenario = load_scenario(Path(__file__).parent / "fixtures" / "app" / "markup-names.yaml")
    app = create_app(scenario)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("w")
        text = screen_text(app)
        for name in scenario.problem.input_names:
            assert visible(name) in text
        assert "\x1b" not in text
        await pilot.press("v")
        assert "= pred of " in screen_text(app)
