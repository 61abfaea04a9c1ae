"""Plain ``gdtui`` opens on the picker without importing NumPy or PyYAML (issue 11's startup
budget: the picker's first frame within 1.2x a bare Textual app's), sessions and recent files
listed too; they load once a scenario is picked. Timings are benchmarks/startup.py's."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest

from gdtui.engine import Trainer
from gdtui.nesting import too_deep
from gdtui.paths import autosave_path, sessions_dir
from gdtui.recent import add_recent
from gdtui.scenario import list_scenarios, load_scenario, resolve
from gdtui.scenario.library import _read_summary
from gdtui.session import save_session

# The CLI's own path (``gdtui`` with no argument), its app run headless in place of the terminal.
PICKER = textwrap.dedent(
    """
    import asyncio, sys
    import gdtui.app
    from textual.widgets import OptionList

    def numpy_loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in ("numpy", "yaml"))[:3]

    def run(app):
        async def first_frame():
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                assert type(app.screen).__name__ == "PickerScreen", app.screen
                lines = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
                print("listed:", " | ".join(lines))
                print("numpy at the first frame:", numpy_loaded())
                await pilot.press("enter")  # the first entry: the autosave, or multi-input
                await pilot.pause()
                await pilot.pause()
                print("opened:", app.controller.scenario.name)
                print("numpy once opened:", bool(numpy_loaded()))

        asyncio.run(first_frame())

    gdtui.app.GdtuiApp.run = run
    from gdtui.cli import main

    sys.exit(main([]))
    """
)


def run_picker() -> str:
    result = subprocess.run(
        [sys.executable, "-c", PICKER], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_the_picker_shows_without_numpy_which_loads_once_a_scenario_is_picked() -> None:
    out = run_picker()
    assert "numpy at the first frame: []" in out
    assert "Multiple inputs" in out  # a shipped scenario's summary was listed
    assert "opened: Multiple inputs" in out
    assert "numpy once opened: True" in out  # the check can see NumPy when it is there


def test_sessions_and_recent_files_are_listed_without_numpy_too() -> None:
    path = resolve("multi-input")
    scenario = load_scenario(path)
    trainer = Trainer(scenario.problem)
    trainer.step()
    save_session(sessions_dir() / "mine.json", scenario, trainer, {})
    save_session(autosave_path(), scenario, trainer, {})
    add_recent(path, scenario.name, scenario.summary)
    out = run_picker()
    assert "Resume where you left off: Multiple inputs, step 1" in out
    assert "mine.json" in out
    assert "numpy at the first frame: []" in out
    assert "opened: Multiple inputs" in out  # the autosave, resumed


def _deepest(data: bytes) -> int | None:
    """Where ``data`` first nests over 3 deep, counted a byte at a time (strings left out)."""
    depth, in_string, escaped = 0, False, False
    for where, byte in enumerate(data):
        char = chr(byte)
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > 3:
                return where
        elif char in "]}":
            depth -= 1
    return None


@pytest.mark.parametrize("seed", range(20))
def test_the_nesting_check_without_numpy_agrees_with_counting(seed: int) -> None:
    pieces = ["[", "]", "{", "}", '"[{"', '"\\"]"', "1", ","]
    rng = random.Random(seed)
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14))).encode()
        assert too_deep(text, 3) == _deepest(text), text


def test_shipped_summaries_read_without_yaml_are_the_loaded_ones() -> None:
    shipped = [info for info in list_scenarios() if info.origin == "shipped"]
    assert len(shipped) >= 6
    for info in shipped:
        assert info.error is None
        assert info.summary == load_scenario(info.path).summary != ""


@pytest.mark.parametrize(
    "description",
    [
        "description: >\n  # Folded\n  on one line\n",
        'description: "# Quoted"\n',
        "description: |\n\n",
    ],
)
def test_other_descriptions_are_parsed(tmp_path, description: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    path.write_text("name: x\n" + description + "alpha: 0.1\n", encoding="utf-8")
    import yaml

    expected = (yaml.safe_load(path.read_text())["description"] or "").lstrip("# ").split("\n")[0]
    assert _read_summary(path) == expected
