"""Snapshot tests pinning the look at 120x40: each small scenario, help, the picker, divergence,
and the main screen and the MNIST view in a dark, a light and the high-contrast theme.

Regenerate after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs under tests/__snapshots__/ before accepting them.
"""

from __future__ import annotations

import pytest

from gdtui.app import create_app
from tests.helpers import app_on

SIZE = (120, 40)
SMALL = ("multi-input", "freeze", "multi-output", "multi-in-out", "diverge", "season")
THEMES = ("textual-dark", "textual-light", "gdtui-high-contrast")


@pytest.mark.parametrize("name", SMALL)
def test_main_screen(snap_compare, name: str) -> None:
    assert snap_compare(app_on(name), terminal_size=SIZE, press=["space", "space", "space"])


@pytest.mark.parametrize("theme", THEMES)
def test_themes(snap_compare, theme: str) -> None:
    # A frozen weight and the cursor on another one: every colour of the main screen.
    press = ["right", "f", "left", "space", "space"]
    assert snap_compare(app_on("multi-input", theme=theme), terminal_size=SIZE, press=press)


@pytest.mark.parametrize("theme", THEMES)
def test_mnist_themes(snap_compare, theme: str) -> None:
    assert snap_compare(app_on("mnist", theme=theme), terminal_size=SIZE, press=["space"])


def test_cursor_and_frozen_weight(snap_compare) -> None:
    press = ["down", "right", "f", "space", "space"]
    assert snap_compare(app_on("multi-in-out"), terminal_size=SIZE, press=press)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(app_on("multi-input"), terminal_size=SIZE, press=["question_mark"])


def test_picker(snap_compare, monkeypatch) -> None:
    # Only the six small scenarios, so that a new shipped one does not change this picture.
    import gdtui.screens.picker as picker

    shipped = [info for info in picker.list_scenarios() if info.name in SMALL]
    monkeypatch.setattr(picker, "list_scenarios", lambda: shipped)
    assert snap_compare(create_app(None), terminal_size=SIZE)


def test_diverged(snap_compare) -> None:
    app = app_on("diverge")

    async def diverge(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()  # the main screen mounted
        while app.controller.step():  # type: ignore[union-attr]
            pass  # until it diverges
        app.main.refresh_views()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=diverge)


def test_small_terminal(snap_compare) -> None:
    assert snap_compare(app_on("multi-in-out"), terminal_size=(80, 24), press=["space"])


@pytest.mark.parametrize("presses", [1, 2, 3])
def test_stages_of_a_step(snap_compare, presses: int) -> None:
    assert snap_compare(app_on("multi-input"), terminal_size=SIZE, press=["s"] * presses)
