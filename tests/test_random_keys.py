"""Hardened: a few hundred random keys and resizes on every scenario, then undo to the start.

Keys are posted in batches and the app is waited for once a batch (Pilot.press waits after
every key: ~80 ms a key here, ~10 ms batched). The modal keys (a, x, ctrl+s, ?, o) are pressed
one at a time and closed with escape. Autoplay (p) runs within a batch and is paused at its
end: waiting for a playing app to be idle is slow, and the steps it takes depend on the clock.
"""

from __future__ import annotations

import random
import unicodedata
import zlib

import numpy as np
import pytest
from textual import events
from textual.keys import _get_unicode_name_from_key
from textual.screen import ModalScreen

from gdtui.app import GdtuiApp, create_app
from gdtui.scenario import load_scenario, resolve
from tests.helpers import send_event

SCENARIOS = ("multi-input", "freeze", "multi-output", "multi-in-out", "diverge", "season", "mnist")
KEYS = (
    *("space", "n", "e", "p", "plus", "minus", "u", "y", "r"),
    *("up", "down", "left", "right", "h", "j", "k", "l"),
    *("f", "F", "left_square_bracket", "right_square_bracket", "d", "i"),
)
MODAL_KEYS = ("a", "x", "ctrl+s", "question_mark", "o")
PER_BATCH = 12
BATCHES = {"mnist": 16}  # 192 keys on MNIST (its keys and resizes cost ~4x), else 240


def key_event(key: str) -> events.Key:
    """The event Pilot.press would send for ``key``."""
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def send_batch(app: GdtuiApp, pilot, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        send_event(app, event)
    await pilot.pause()
    await pilot._wait_for_screen()


async def close_modals(app: GdtuiApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """A key may have opened one (the data view's "-" starts an edit): escape closes it."""
    for _ in range(3):
        if not isinstance(app.screen, ModalScreen):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert not isinstance(app.screen, ModalScreen), app.screen


@pytest.mark.parametrize("name", SCENARIOS)
async def test_random_keys_leave_a_consistent_engine(name: str, screen_text) -> None:
    scenario = load_scenario(resolve(name))
    problem = scenario.problem
    rng = random.Random(zlib.crc32(name.encode()))
    app = create_app(scenario)
    async with app.run_test(size=(120, 40)) as pilot:
        for batch in range(BATCHES.get(name, 20)):
            keys = [rng.choice(KEYS) for _ in range(PER_BATCH)]
            await send_batch(app, pilot, keys)
            await close_modals(app, pilot)
            if app.controller.playing:
                await pilot.press("p")
            if batch % 4 == 3:
                await pilot.press(rng.choice(MODAL_KEYS))
                await pilot.pause()
                assert isinstance(app.screen, ModalScreen)
                await close_modals(app, pilot)
            if batch % 2:
                await pilot.resize_terminal(rng.randint(80, 160), rng.randint(24, 50))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()

        trainer = app.controller.trainer
        assert trainer is not None and app.controller.scenario is scenario
        assert trainer.steps >= 0 and 0 <= trainer.position <= trainer.total
        if not trainer.state.diverged:
            assert np.isfinite(trainer.state.weights).all()
        assert f"Step {trainer.steps}" in screen_text(app)

        while app.controller.undo():
            pass
        app.main.refresh_views()
        assert trainer.steps == 0 and trainer.position == 0
        assert trainer.state.weights.tobytes() == problem.weights.astype(np.float64).tobytes()
        assert trainer.state.alpha == problem.alpha
        assert np.array_equal(trainer.state.frozen, problem.frozen)
        assert np.array_equal(trainer.state.inputs, problem.inputs)
        assert np.array_equal(trainer.state.targets, problem.targets)
        assert not trainer.state.diverged
        await pilot.pause()
        assert "Step 0" in screen_text(app)
