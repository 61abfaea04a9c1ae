"""A user scenario named like a shipped one replaces it when that name is opened: gdtui says so
(list, picker, opening), and ``shipped:NAME`` still reaches the shipped one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdtui.app import create_app
from gdtui.cli import main
from gdtui.scenario import (
    ScenarioError,
    list_scenarios,
    load_scenario,
    replaces,
    resolve,
    shipped_dir,
)
from tests.helpers import notifications, wait_for

MINE = (
    "name: My multi-input\ndescription: Mine, not the book's\n"
    "data: {inputs: {a: [1]}, targets: {b: [2]}}\nweights: [0.5]\nalpha: 0.1\n"
)


@pytest.fixture
def mine(gdtui_home: Path) -> Path:
    folder = gdtui_home / "scenarios"
    folder.mkdir()
    path = folder / "multi-input.yaml"
    path.write_text(MINE)
    return path


def test_shipped_prefix_reaches_the_shipped_scenario(mine: Path) -> None:
    assert resolve("multi-input") == mine  # the user's, as before
    assert resolve("shipped:multi-input") == shipped_dir() / "multi-input.yaml"
    assert load_scenario(resolve("shipped:multi-input")).name == "Multiple inputs"


def test_shipped_prefix_with_an_unknown_name_lists_the_shipped_ones() -> None:
    with pytest.raises(ScenarioError) as info:
        resolve("shipped:nope")
    assert str(info.value).startswith("shipped:nope:1:1: no shipped scenario 'nope' (shipped: ")
    assert "multi-input, diverge" in str(info.value)  # the chapter's order
    with pytest.raises(ScenarioError):
        resolve("shipped:")


def test_only_a_user_file_with_a_shipped_name_is_flagged(mine: Path) -> None:
    note = replaces(mine)
    assert note is not None and "shipped:multi-input" in note and str(mine) in note
    assert replaces(shipped_dir() / "multi-input.yaml") is None
    other = mine.parent / "mine.yaml"
    other.write_text(MINE)
    assert replaces(other) is None
    flagged = [(info.origin, info.name) for info in list_scenarios() if info.replaces]
    assert flagged == [("user", "multi-input")]


def test_list_warns(capsys, mine: Path) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "user, replaces shipped" in out
    assert "note: your scenario 'multi-input'" in out and "shipped:multi-input" in out


def test_list_without_a_clash_has_no_note(capsys) -> None:
    assert main(["list"]) == 0
    assert "note:" not in capsys.readouterr().out


def test_validate_and_run_reach_the_shipped_one(capsys, mine: Path) -> None:
    assert main(["validate", "shipped:multi-input"]) == 0
    assert "shipped:multi-input: ok (Multiple inputs)" in capsys.readouterr().out
    assert main(["run", "shipped:multi-input", "--steps", "1", "--format", "jsonl"]) == 0
    shipped_run = capsys.readouterr().out
    assert main(["run", "multi-input", "--steps", "1", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out != shipped_run  # the user's is another network


def test_gdtui_shipped_with_an_unknown_name_exits_2(mine: Path, gdtui_home: Path) -> None:
    """Before Textual starts, in one line."""
    result = subprocess.run(
        [sys.executable, "-m", "gdtui", "shipped:nope"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"GDTUI_HOME": str(gdtui_home), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2 and "no shipped scenario 'nope'" in result.stderr


async def test_opening_by_the_shipped_name_warns_in_the_app(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gdtui.app

    apps = []
    real = gdtui.app.create_app

    def capture(*args, **kwargs):  # type: ignore[no-untyped-def]
        app = real(*args, **kwargs)
        apps.append(app)
        monkeypatch.setattr(app, "run", lambda: None)
        return app

    monkeypatch.setattr(gdtui.app, "create_app", capture)
    assert main(["shipped:multi-input"]) == 0
    assert apps[-1].controller.scenario.name == "Multiple inputs"
    assert not apps[-1].after_first_frame[1:]  # no warning: this is the shipped one
    assert main(["multi-input"]) == 0
    app = apps[-1]
    assert app.controller.scenario.name == "My multi-input"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        texts = [str(n.message) for n in notifications(app)]
        assert any("replaces the shipped one" in t and "shipped:multi-input" in t for t in texts)


async def test_the_picker_flags_the_user_file_and_opens_shipped_names(
    mine: Path, screen_text
) -> None:
    app = create_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(lambda: "Yours" in screen_text(app))
        text = screen_text(app)
        assert "replaces the shipped one of that name; type shipped:multi-input for it" in text
        await pilot.press("tab", *"shipped:multi-input", "enter")
        await pilot.pause()
        assert app.controller is not None
        assert app.controller.scenario.name == "Multiple inputs"
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("tab", *"multi-input", "enter")
        await pilot.pause()
        assert app.controller.scenario.name == "My multi-input"
        texts = [str(n.message) for n in notifications(app)]
        assert any("replaces the shipped one" in t for t in texts)
