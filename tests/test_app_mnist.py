"""The MNIST view: ten weight pictures, the example, the dot product, epochs; keys and mouse."""

from __future__ import annotations

import numpy as np

from gdtui.app import GdtuiApp, create_app
from gdtui.scenario import load_scenario, resolve
from gdtui.widgets.digit_weights import DigitWeights
from gdtui.widgets.mnist_view import MnistView


def mnist_app() -> GdtuiApp:
    return create_app(load_scenario(resolve("mnist")))


async def test_the_mnist_view_replaces_the_small_one(screen_text):
    app = mnist_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.controller.images
        text = screen_text(app)
        assert "weights of each digit" in text and "the coming example" in text
        assert "row 0, label 5" in text  # the first training image is a 5
        assert "network: inputs" not in text
        await pilot.press("e")
        assert app.controller.trainer.steps == 1000
        text = screen_text(app)
        assert "Step 1000" in text and "train accuracy 0.709" in text
        assert "test accuracy now 0.707" in text


async def test_the_cursor_selects_a_digit_and_f_freezes_its_weights(screen_text):
    app = mnist_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right", "down")
        view = app.controller
        per_row = app.query_one(DigitWeights).per_row
        assert view.digit == 2 + per_row
        await pilot.press("left", "up")
        assert view.digit == 1
        await pilot.press("f")
        assert app.controller is not None
        assert (
            app.controller.trainer.state.frozen[1].all()
            and not app.controller.trainer.state.frozen[0].any()
        )
        assert "1 ❄" in screen_text(app)
        before = app.controller.trainer.state.weights[1].copy()
        await pilot.press("e")
        assert np.array_equal(app.controller.trainer.state.weights[1], before)
        assert not np.array_equal(app.controller.trainer.state.weights[0], 0)
        await pilot.press("F")
        assert not app.controller.trainer.state.frozen.any()


async def test_the_dot_product_is_the_selected_digits_prediction(screen_text):
    app = mnist_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "right", "right", "right")
        await pilot.pause()
        assert app.controller is not None
        pred = app.controller.trainer.peek().pred[3]
        app.query_one(MnistView).scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "weights of 3" in text
        assert f"sum of input × weights = {pred:.4f} = the prediction for 3" in text


async def test_clicking_a_picture_selects_its_digit():
    app = mnist_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # The third picture of the first row, past the border and padding (2 columns, 1 line).
        await pilot.click(DigitWeights, offset=(2 + 2 * 15 + 3, 1 + 2))
        await pilot.pause()
        assert app.controller.digit == 2


async def test_autoplay_and_undo_on_mnist():
    app = create_app(load_scenario(resolve("mnist")), speed=1000)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause(0.3)
        await pilot.press("p")
        assert not app.controller.playing
        steps = app.controller.trainer.steps
        assert steps > 0
        await pilot.press("u")
        assert app.controller.trainer.steps == steps - 1


async def test_a_small_terminal_stacks_the_panels(screen_text):
    app = mnist_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(MnistView).has_class("-narrow")
        assert "weights of each digit" in screen_text(app)
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not app.query_one(MnistView).has_class("-narrow")
