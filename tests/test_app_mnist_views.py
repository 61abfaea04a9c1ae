"""MNIST at full resolution, the zoom (z) and the canvas (c): state and what is drawn."""

from __future__ import annotations

import numpy as np

from gdtui.controller import Controller
from gdtui.scenario import load_scenario, resolve
from gdtui.widgets.digit_canvas import DigitCanvas, pen_cells
from gdtui.widgets.digit_weights import DigitWeights
from gdtui.widgets.digit_zoom import DigitZoom, zoom_factor
from gdtui.widgets.dot_product import DotProduct
from gdtui.widgets.mnist_view import MnistView
from tests.helpers import app_on, wait_for


def test_a_drawings_predictions_are_the_weights_times_its_pixels() -> None:
    controller = Controller(load_scenario(resolve("mnist")))
    controller.epoch()
    frame = controller.frame()
    rng = np.random.default_rng(5)
    pixels = (rng.random((28, 28)) > 0.8).astype(float)
    # A plain loop over the pixels, the chapter's weighted sum.
    flat = pixels.reshape(-1).tolist()
    plain = [sum(w * x for w, x in zip(row, flat, strict=True)) for row in frame.weights.tolist()]
    assert np.allclose(frame.predict(pixels), plain, rtol=1e-12, atol=1e-12)
    # And the data's own example gives the engine's prediction for it.
    assert np.allclose(frame.predict(frame.coming.input), frame.coming.pred, rtol=1e-12)


def test_the_zoom_is_as_large_as_fits_and_never_below_full_resolution() -> None:
    assert zoom_factor(10, 5) == 1
    assert zoom_factor(80, 20) == 1
    assert zoom_factor(116, 36) == 2
    assert zoom_factor(196, 56) == 3


def test_the_pen_covers_the_half_blocks_of_its_pixel() -> None:
    assert pen_cells(3, 1) == [(1, "▄")]
    assert pen_cells(4, 1) == [(2, "▀")]
    assert pen_cells(5, 2) == [(5, "█")]
    assert pen_cells(1, 3) == [(1, "▄"), (2, "█")]


async def test_wide_terminals_draw_the_ten_pictures_at_full_resolution(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(200, 60)) as pilot:
        await wait_for(lambda: bool(app.query(DigitWeights)))  # mounted on first use
        weights, view = app.query_one(DigitWeights), app.query_one(MnistView)
        await wait_for(lambda: weights.thumb == 28)  # once laid out at its width
        await pilot.pause()
        assert weights.thumb == 28 and view.has_class("-full")
        # Two rows of five pictures, 14 lines each, their labels and the scale line.
        assert len(weights._lines) == 2 * (14 + 1) + 1
        assert weights._lines[0].cell_length == 5 * 29 - 1
        # The description shows beside them where it fits.
        assert "What do 7,840 weights learn?" in screen_text(app)
        # Clicking the third picture of the second row selects the 7.
        await pilot.click(DigitWeights, offset=(2 + 2 * 29 + 5, 1 + 15 + 3))
        await pilot.pause()
        assert app.controller.digit == 7
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert weights.thumb == 14 and not view.has_class("-full")


async def test_at_120x40_the_dot_product_shows_whole_without_scrolling(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        dot = app.query_one(DotProduct)
        assert dot.region.bottom <= 40 - 1  # above the key bar
        text = screen_text(app)
        assert "sum of input × weights" in text and "orange adds" in text
        assert "What do 7,840" not in text  # no room for the description here
        await pilot.press("d")
        assert "What do 7,840" in screen_text(app)


async def test_the_layout_depends_on_the_size_not_on_the_way_there() -> None:
    async def classes(steps) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
        app = app_on("mnist")
        async with app.run_test(size=steps[0]) as pilot:
            # The MNIST view is mounted on first use: wait for it to be drawn once.
            await wait_for(
                lambda: bool(app.query(DotProduct)) and bool(app.query_one(DotProduct)._lines)
            )
            await pilot.pause()
            for step in steps[1:]:
                if isinstance(step, str):
                    await pilot.press(step)
                else:
                    await pilot.resize_terminal(*step)
                await pilot.pause()
            view, dot = app.query_one(MnistView), app.query_one(DotProduct)
            return (
                *(view.has_class(c) for c in ("-narrow", "-full", "-below")),
                len(dot._lines),
                dot.region,  # (from 200x60 to 120x40 it once lost its last line)
            )

    assert await classes([(80, 24), "d", (120, 40)]) == await classes([(120, 40), "d"])
    assert await classes([(80, 24), (200, 60)]) == await classes([(200, 60)])
    assert await classes([(200, 60), (120, 40)]) == await classes([(120, 40)])


async def test_z_zooms_on_the_selected_digit_at_any_size(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "right", "z")
        await pilot.pause()
        zoom = app.query_one(DigitZoom)
        assert app.main.view == "zoom" and zoom.display
        # 28 cells by 14 lines: full resolution, between its title and its legend.
        assert len(zoom._lines) == 1 + 14 + 3 and zoom._lines[1].cell_length == 28
        text = screen_text(app)
        assert "the 784 weights of 1" in text and "orange > 0" in text
        top = float(app.controller.frame().weights[1].max())
        assert f"largest {top:.4f}" in text
        await pilot.press("right")
        assert "the 784 weights of 2" in screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert zoom._lines[1].cell_length == 56  # twice as large where it fits
        await pilot.press("z")
        assert app.main.view is None and not zoom.display


async def test_the_canvas_paints_from_the_keyboard_and_clears(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "c")
        await pilot.pause()
        canvas = app.query_one(DigitCanvas)
        assert app.main.view == "canvas" and canvas.has_focus
        assert "draw something" in screen_text(app)
        await pilot.press("space", "right", "space", "down", "space")
        assert canvas.pen == (15, 15)
        assert {tuple(p) for p in np.argwhere(canvas.pixels)} == {(14, 14), (14, 15), (15, 15)}
        assert app.controller.trainer.steps == 1000  # space painted: it did not step
        frame = app.controller.frame()
        predictions = canvas.predictions()
        assert predictions is not None
        assert np.allclose(predictions, frame.weights @ canvas.pixels.reshape(-1))
        text = screen_text(app)
        guess = int(np.argmax(predictions))
        assert f"most like {guess}" in text
        assert f"sum of drawing × weights = {predictions[0]:.4f} = the prediction for 0" in text
        await pilot.press("3")
        assert app.controller.digit == 3
        assert "the prediction for 3" in screen_text(app)
        await pilot.press("space")
        assert canvas.pixels[15, 15] == 0  # space again takes the ink away
        await pilot.press("backspace")
        assert not canvas.pixels.any() and "draw something" in screen_text(app)
        await pilot.press("c")
        assert app.main.view is None


async def test_a_mouse_drag_paints_a_stroke(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "c")
        await pilot.pause()
        canvas = app.query_one(DigitCanvas)
        # Past the border and padding (2 columns, 1 line) and the line of instructions.
        await pilot.mouse_down(DigitCanvas, offset=(2 + 5, 1 + 1 + 3))
        await pilot.hover(DigitCanvas, offset=(2 + 20, 1 + 1 + 3))
        await pilot.mouse_up(DigitCanvas, offset=(2 + 20, 1 + 1 + 3))
        await pilot.pause()
        # One cell is two pixels high here: rows 6 and 7, every column from 5 to 20.
        assert all(canvas.pixels[6, x] == 1 and canvas.pixels[7, x] == 1 for x in range(5, 21))
        assert canvas.pixels[3, 10] == 0
        assert app.mouse_captured is None
        predictions = canvas.predictions()
        assert predictions is not None
        assert f"{predictions[int(np.argmax(predictions))]:.4f}" in screen_text(app)
        # A click on a prediction's row selects that digit.
        await pilot.click(DigitCanvas, offset=(2 + 28 + 2 + 1, 1 + 1 + 1 + 4))
        await pilot.pause()
        assert app.controller.digit == 4


async def test_a_small_terminal_keeps_the_canvas_and_its_sum(screen_text) -> None:
    app = app_on("mnist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "c", "space")
        await pilot.pause()
        canvas = app.query_one(DigitCanvas)
        assert canvas.zoom == 1 and canvas.pixels[14, 14] == 1
        predictions = canvas.predictions()
        assert predictions is not None
        assert f"drawing · weights of 0 = {predictions[0]:.4f}" in screen_text(app)


async def test_a_large_canvas_takes_a_pixel_a_cell() -> None:
    app = app_on("mnist")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        canvas = app.query_one(DigitCanvas)
        assert canvas.zoom == 2
        # Two columns and one line a pixel: the cell (10, 5) of the canvas is pixel (5, 5).
        await pilot.mouse_down(DigitCanvas, offset=(2 + 10, 1 + 1 + 5))
        await pilot.mouse_up(DigitCanvas, offset=(2 + 10, 1 + 1 + 5))
        assert canvas.pixels[5, 5] == 1 and canvas.pixels[6, 5] == 0.5
        assert canvas.pixels.sum() == 1 + 4 * 0.5


async def test_the_zoom_and_the_canvas_are_for_pictures_only() -> None:
    app = app_on("multi-input")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("z", "c")
        assert app.main.view is None
        assert not app.main.check_action("view", ("zoom",))
        assert not app.main.check_action("view", ("canvas",))


async def test_the_hidden_pictures_are_not_redrawn_and_are_current_when_shown(
    monkeypatch, screen_text
) -> None:
    """Behind z (or c, or i) the ten pictures are not fed each frame (autoplay stays cheap);
    closing the view feeds them the step it is at."""
    fed: list[int] = []
    update = MnistView.update_from
    monkeypatch.setattr(
        MnistView,
        "update_from",
        lambda view, frame, tc: fed.append(frame.step) or update(view, frame, tc),
    )
    app = app_on("mnist")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: bool(fed))  # mounted on first use, then fed
        await pilot.press("z")
        await pilot.pause()
        fed.clear()
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert fed == [] and app.controller.trainer.steps == 3
        await pilot.press("z")
        await pilot.pause()
        assert app.main.view is None and fed == [3]
        assert "Step 3" in screen_text(app)
