"""The README's screenshots: each main view, as the app exports it (``x``), in SVG.

    python docs/screenshots.py [NAME ...]

Each shot opens a scenario headless at a size, presses keys and saves the screen to
``docs/NAME.svg``. Run it again after changing what a view draws.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from rich.color import ColorSystem

from gdtui.app import create_app
from gdtui.scenario import load_scenario, resolve

HERE = Path(__file__).resolve().parent

# name: (scenario or "lesson:NAME", keys pressed, columns, rows, theme)
SHOTS: dict[str, tuple[str, tuple[str, ...], int, int, str]] = {
    "main": ("multi-input", ("space", "space"), 120, 40, "textual-dark"),
    "stages": ("multi-input", ("s", "s"), 120, 40, "textual-dark"),
    "multi-in-out": ("multi-in-out", ("space",), 120, 40, "textual-light"),
    "history": ("multi-input", ("space",) * 6 + ("t",), 120, 40, "textual-dark"),
    "outer": ("multi-in-out", ("w",), 120, 40, "textual-dark"),
    "dots": ("multi-input", ("v",), 120, 40, "textual-dark"),
    "divergence": ("diverge", ("space", "space", "space"), 120, 40, "textual-dark"),
    "ghost": ("multi-input", ("g", "1") + ("space",) * 12, 120, 40, "textual-dark"),
    "plane": ("season", ("m",) + ("e",) * 8, 120, 40, "textual-dark"),
    "data": ("multi-in-out", ("i",), 120, 40, "textual-light"),
    "mnist": ("mnist", ("e",), 200, 60, "textual-dark"),
    "zoom": ("mnist", ("e", "z"), 120, 40, "textual-dark"),
    "canvas": ("mnist", ("e", "c") + ("up",) * 8 + ("space", "down") * 16, 120, 40, "textual-dark"),
    "lesson": ("lesson:chapter5", (), 120, 40, "textual-dark"),
}


async def shoot(name: str) -> Path:
    scenario, keys, width, height, theme = SHOTS[name]
    if scenario.startswith("lesson:"):
        from gdtui.lessons import Tutor, load_lesson, resolve_lesson

        tutor = Tutor(load_lesson(*resolve_lesson(scenario.removeprefix("lesson:"))))
        app = create_app(lesson=(tutor, None), theme=theme)
    else:
        app = create_app(load_scenario(resolve(scenario)), theme=theme)
    app.console._color_system = ColorSystem.TRUECOLOR  # as a terminal with COLORTERM=truecolor
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    return path


def main(names: list[str]) -> None:
    # Autosaves and lesson progress go to a folder of their own, not the user's.
    os.environ["GDTUI_HOME"] = tempfile.mkdtemp(prefix="gdtui-shots-")
    for name in names or list(SHOTS):
        print(asyncio.run(shoot(name)))


if __name__ == "__main__":
    main(sys.argv[1:])
