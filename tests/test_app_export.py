"""Export from the app: x opens the menu; each item writes its file, "everything" all six."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from gdtui.app import GdtuiApp, create_app
from gdtui.export import ExportRequest
from gdtui.paths import exports_dir
from gdtui.scenario import load_scenario
from gdtui.screens.export_menu import ITEMS, default_export_folder
from gdtui.screens.help import help_rows
from tests.helpers import app_on, notifications

SIZE = (120, 40)


async def export_item(app: GdtuiApp, pilot, index: int, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Open the menu, type the folder, pick the index-th line."""
    await pilot.press("x")
    await pilot.pause()
    field = app.screen.query_one("#export-folder")
    field.value = str(folder)  # type: ignore[attr-defined]
    await pilot.press("home", *["down"] * index, "enter")
    await pilot.pause()
    await pilot.pause()


def check_files(folder: Path, app: GdtuiApp, names: list[str]) -> None:
    trainer, scenario = app.controller.trainer, app.controller.scenario
    assert trainer is not None and scenario is not None
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)
    if "history.csv" in names:
        rows = list(csv.DictReader((folder / "history.csv").open(encoding="utf-8")))
        assert [int(r["step"]) for r in rows] == list(range(1, trainer.steps + 1))
        assert {"error_hurt", "error_win", "error_sad", "total_error"} <= set(rows[0])
        assert float(rows[-1]["total_error"]) == pytest.approx(trainer.trace.errors[-1].sum())
    if "history.jsonl" in names:
        lines = (folder / "history.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["step"] for line in lines] == list(range(1, trainer.steps + 1))
    if "weights.csv" in names:
        rows = list(csv.reader((folder / "weights.csv").open(encoding="utf-8")))
        assert rows[0] == ["output", "toes", "wlrec", "nfans"]
        got = np.array([[float(v) for v in row[1:]] for row in rows[1:]])
        assert np.array_equal(got, trainer.state.weights)  # bit for bit
    if "weights.npy" in names:
        assert np.array_equal(np.load(folder / "weights.npy"), trainer.state.weights)
    if "screen.svg" in names:
        svg = (folder / "screen.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "Step" in svg
        assert "into the folder" not in svg  # the main screen, not the menu over it
    if "scenario.yaml" in names:
        exported = load_scenario(folder / "scenario.yaml")
        assert np.array_equal(exported.problem.weights, trainer.state.weights)
        assert exported.problem.alpha == trainer.state.alpha
        assert np.array_equal(exported.problem.frozen, trainer.state.frozen)


async def test_each_item_writes_its_file(tmp_path: Path) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "down", "f", "right_square_bracket", "space")
        for index, (name, _) in enumerate(ITEMS):
            folder = tmp_path / name.replace(".", "-")
            await export_item(app, pilot, index, folder)
            check_files(folder, app, [name])
            assert f"wrote {name} to {folder}" in [n.message for n in notifications(app)]


async def test_everything_writes_all_six_into_the_default_folder(gdtui_home: Path) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space", "x")
        await pilot.pause()
        folder = gdtui_home / "exports" / "multi-in-out-1"
        assert app.screen.query_one("#export-folder").value == str(folder)  # type: ignore[attr-defined]
        await pilot.press("end", "enter")  # "everything" is the last line
        await pilot.pause()
        await pilot.pause()
        check_files(folder, app, [name for name, _ in ITEMS])
        # The next export goes to a new folder, never over the last one.
        assert app.controller.scenario is not None
        assert default_export_folder(app.controller.scenario) == exports_dir() / "multi-in-out-2"


async def test_enter_in_the_folder_field_writes_the_highlighted_item(tmp_path: Path) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "x")
        await pilot.pause()
        await pilot.press("down", "down", "tab")  # weights.csv, then the folder
        field = app.screen.query_one("#export-folder")
        field.value = str(tmp_path / "out")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        check_files(tmp_path / "out", app, ["weights.csv"])


async def test_an_unwritable_folder_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.export(ExportRequest(("weights.csv",), blocker / "out")) == []
        await pilot.pause()
        (error,) = [n for n in notifications(app) if n.severity == "error"]
        assert str(blocker / "out") in error.message and "\n" not in error.message
        await pilot.press("space")
        assert app.controller.trainer.steps == 2


async def test_escape_cancels_and_writes_nothing(gdtui_home: Path) -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "x")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
    assert not (gdtui_home / "exports").exists()


async def test_mnist_exports_its_weights_and_a_scenario_that_reproduces_them(
    tmp_path: Path,
) -> None:
    app = app_on("mnist")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space")
        assert app.controller.scenario is not None
        app.export(ExportRequest(("weights.npy", "scenario.yaml", "history.csv"), tmp_path))
        assert np.array_equal(
            np.load(tmp_path / "weights.npy"), app.controller.trainer.state.weights
        )
        exported = load_scenario(tmp_path / "scenario.yaml")
        assert np.array_equal(exported.problem.weights, app.controller.trainer.state.weights)
        assert len((tmp_path / "history.csv").read_text(encoding="utf-8").splitlines()) == 3


async def test_save_export_and_data_need_a_scenario() -> None:
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for action in ("save", "export", "data"):
            assert app.main.check_action(action, ()) is None, action
        await pilot.press("escape")  # the picker's escape quits: nothing open
        await pilot.pause()


async def test_the_new_keys_are_in_help_and_the_command_palette() -> None:
    app = app_on("multi-in-out")
    async with app.run_test(size=SIZE):
        rows = {what: keys for keys, what, _ in help_rows(app)}
        assert rows["Save"] == "^s" and rows["Export"] == "x" and rows["Data"] == "i"
        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        for title in ("Save (^s)", "Export (x)", "Data (i)"):
            assert title in titles
