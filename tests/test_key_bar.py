"""The key bar at the bottom: complete in the first frame, dimmed keys, clicks and tooltips."""

from __future__ import annotations

import gc

from gdtui.app import GdtuiApp
from gdtui.keys import KEYS
from gdtui.widgets.key_bar import KeyBar
from tests.helpers import app_on, screen_strips

FOOTER_KEYS = [(keys.split(",")[0], what) for keys, _, what, shown, *_ in KEYS if shown]


def bottom_line(text: str) -> str:
    return text.splitlines()[-1]


def column_of(bar: KeyBar, description: str) -> int:
    """Where the item with ``description`` is drawn."""
    for start, _end, item in bar._spans:
        if item.description == description:
            return start
    raise AssertionError(f"{description!r} is not on the key bar")


async def test_the_first_frame_has_every_main_key_and_the_palette(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)):
        # No pause: what the first frame showed.
        line = bottom_line(screen_text(app))
        shown = [item.description for item in app.query_one(KeyBar).items()[0]]
        assert shown == [what for _, what in FOOTER_KEYS]
        assert line.startswith("space Step s Stage e Epoch p Play/Pause u Undo r Reset f Freeze")
        assert line.rstrip().endswith("▏^p palette")
        assert "Cursor up" not in line  # only the main keys; the rest are in help


def dimmed(app: GdtuiApp, description: str) -> bool:
    """Whether ``description`` is drawn fainter than Quit's (always on) in the bottom line.
    (Textual draws dim text as a fainter colour.)"""
    colours = {
        segment.text.strip(): segment.style.color
        for segment in screen_strips(app)[-1]
        if segment.style is not None
    }
    return colours[description] != colours["Quit"]


async def test_keys_that_cannot_run_are_dimmed_until_they_can():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.query_one(KeyBar)

        def enabled() -> dict[str, bool]:
            return {item.description: item.enabled for item in bar.items()[0]}

        assert not enabled()["Undo"] and not enabled()["Reset"] and enabled()["Step"]
        assert dimmed(app, "Undo") and not dimmed(app, "Step")
        await pilot.press("space")
        await pilot.pause()
        assert enabled()["Undo"] and enabled()["Reset"]
        assert not dimmed(app, "Undo")
        await pilot.press("u")
        await pilot.pause()
        assert dimmed(app, "Undo")


async def test_clicking_a_key_presses_it_and_a_dimmed_one_does_nothing(screen_text):
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.query_one(KeyBar)
        assert app.controller is not None
        await pilot.click("#keys", offset=(column_of(bar, "Undo") + 1, 0))
        assert app.controller.trainer.steps == 0
        await pilot.click("#keys", offset=(column_of(bar, "Step") + 1, 0))
        await pilot.pause()
        assert app.controller.trainer.steps == 1
        assert "Step 1" in screen_text(app)
        await pilot.click("#keys", offset=(column_of(bar, "Undo") + 1, 0))
        await pilot.pause()
        assert app.controller.trainer.steps == 0


async def test_hovering_a_key_tells_what_it_does():
    app = app_on()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.query_one(KeyBar)
        await pilot.hover("#keys", offset=(column_of(bar, "Epoch"), 0))
        await pilot.pause()
        epoch = next(detail for _, action, _, _, _, _, detail in KEYS if action == "epoch")
        assert bar.tooltip == epoch
        await pilot.hover("#status")
        await pilot.pause()
        assert bar.tooltip is None


async def test_a_narrow_terminal_drops_whole_keys_but_keeps_help_quit_and_the_palette(
    screen_text,
):
    app = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = bottom_line(screen_text(app))
        assert len(line) == 80
        assert line.startswith("space Step s Stage e Epoch p Play/Pause u Undo r Reset")
        assert line.endswith("▏^p palette")
        shown = [item.description for _, _, item in app.query_one(KeyBar)._spans]
        assert "Open" not in shown and shown[-3:] == ["Help", "Quit", "palette"]
        for description in shown:
            assert f" {description}" in line  # never cut in half


async def test_the_collector_is_back_on_after_the_first_frame():
    # `gdtui` turns it off until the first frame (cli.py); the app must turn it back on.
    gc.disable()
    try:
        app = app_on()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
