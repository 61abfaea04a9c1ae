"""The step just taken beside the coming one: the ledger under the panels, the history view (t),
and a layout that stays put from step 0."""

from __future__ import annotations

import re

from textual import events

from gdtui.app import GdtuiApp
from gdtui.renderables.numbers import error_text, num
from gdtui.widgets.history_table import HistoryTable
from gdtui.widgets.last_step import LastStep
from tests import book
from tests.helpers import app_on

SIZE = (120, 40)


def ledger_text(app: GdtuiApp) -> str:
    widget = app.main.query_one(LastStep)
    return str(widget.border_title) + "\n" + widget.render().plain


def book_rows(printed: str) -> list[list[str]]:
    """The notebook's printout of multi-input as the table writes it: a row an iteration."""
    rows = []
    for block in printed.strip().split("\n\n"):
        lines = block.splitlines()
        values = {line.split(":")[0]: line.split(":", 1)[1] for line in lines[:5]}
        weights = [float(v) for v in values["Weights"].strip("[]").split(",")]
        deltas = [float(v) for v in lines[6].strip("[]").split(",")]
        rows.append(
            [
                values["Iteration"],
                num(float(values["Pred"])),
                error_text(float(values["Error"])),
                num(float(values["Delta"])),
                *[num(w) for w in weights],
                *[num(d) for d in deltas],
            ]
        )
    return rows


async def show_history(app: GdtuiApp, pilot) -> HistoryTable:  # type: ignore[no-untyped-def]
    await pilot.press("t")
    await pilot.pause()
    assert app.main.view == "history"
    table = app.main.query_one(HistoryTable)
    assert table.has_focus
    return table


def table_rows(table: HistoryTable) -> list[list[str]]:
    """The rows on screen (under the two header lines), split into their numbers."""
    return [line.split() for line in table.visible_lines()[2:] if line.strip()]


async def test_the_ledger_shows_the_step_just_taken_beside_the_coming_one() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no step yet" in ledger_text(app)
        await pilot.press("space")
        await pilot.pause()
        text = ledger_text(app)
        assert " last step: step 1, on data row 0 " in text
        # Step 1 of the book: pred 0.86, error 0.0196, delta -0.14, weight_deltas -1.19,
        # -0.091, -0.168, and the weights before and after (0.1 - 0.01 x -1.19 = 0.1119).
        assert "pred 0.8600  true 1.0000  error 0.0196  delta −0.1400  predict higher" in text
        assert re.search(r"weight_delta +toes +−1\.1900 +wlrec +−0\.0910 +nfans +−0\.1680", text)
        assert re.search(
            r"weight +toes +0\.1000→0\.1119 +wlrec +0\.2000→0\.2009 +nfans +−0\.1000→−0\.0983", text
        )
        # ... while the panels above show the coming step 2.
        outputs = app.main.query_one("#outputs")
        assert str(outputs.border_subtitle) == "coming step 2, on data row 0"
        assert "0.9638" in outputs.render().plain  # type: ignore[attr-defined]
        # Undo: the step before now, rebuilt; reset: no step again.
        await pilot.press("space", "u")
        await pilot.pause()
        assert "last step: step 1" in ledger_text(app) and app.controller.frame().last is None
        await pilot.press("r")
        await pilot.pause()
        assert "no step yet" in ledger_text(app)


async def test_the_layout_does_not_jump_at_the_first_step() -> None:
    """Several outputs: the sparklines, the ledger and everything under them keep their place,
    and all of it fits at 120x40 (the main column does not scroll, so arrows move the cursor)."""
    for name in ("multi-output", "multi-in-out", "multi-input"):
        app = app_on(name)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            ids = ("#ledger", "#bowls", "#curve", "#sparks", "#numbers")
            before = {i: app.main.query_one(i).region for i in ids}
            await pilot.press("space")
            await pilot.pause()
            assert {i: app.main.query_one(i).region for i in ids} == before, name
            main = app.main.query_one("#main")
            assert main.virtual_size.height <= main.size.height, name
            lines = app.main.query_one("#sparks").content_size.height
            assert lines == len(app.controller.problem.output_names) + (name != "multi-input")


async def test_the_history_table_holds_the_books_printout() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space")
        table = await show_history(app, pilot)
        lines = table.visible_lines()
        assert lines[0].split() == [
            "Iteration",
            "Pred",
            "Error",
            "Delta",
            "Weights",
            "Weight_Deltas",
        ]
        assert lines[1].split() == ["toes", "wlrec", "nfans", "toes", "wlrec", "nfans"]
        printed, _ = book.multi_input(iterations=3)
        assert table_rows(table) == book_rows(printed)
        assert table_rows(table)[0] == [
            "1", "0.8600", "0.0196", "-0.1400", "0.1000", "0.2000", "-0.1000",
            "-1.1900", "-0.0910", "-0.1680",
        ]  # fmt: skip
        # More steps with the view shown: it follows the newest.
        await pilot.press("space", "space")
        await pilot.pause()
        assert table_rows(table) == book_rows(book.multi_input(iterations=5)[0])
        assert "history: 5 steps since the last reset" in str(table.border_title)
        # t again: the network is back.
        await pilot.press("t")
        await pilot.pause()
        assert app.main.view is None and not table.display


async def test_the_history_is_right_after_undo_redo_and_reset() -> None:
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space", "space")
        table = await show_history(app, pilot)
        printed = book.multi_input(iterations=4)[0]
        await pilot.press("u")
        await pilot.pause()
        assert table_rows(table) == book_rows(printed)[:3]
        await pilot.press("y")
        await pilot.pause()
        assert table_rows(table) == book_rows(printed)
        await pilot.press("r")
        await pilot.pause()
        assert "no steps yet" in table.visible_lines()[2] and len(table_rows(table)) == 1
        await pilot.press("u")  # takes the reset back
        await pilot.pause()
        assert table_rows(table) == book_rows(printed)


async def scroll_wheel(pilot, table: HistoryTable, event: type, times: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        await pilot._post_mouse_events([event], widget=table, offset=(10, 5))


async def test_many_steps_scroll_by_keys_and_wheel_without_building_every_row() -> None:
    app = app_on("season")
    async with app.run_test(size=SIZE) as pilot:
        controller = app.controller
        fetched: list[int] = []
        rows = controller.history_rows

        def counted(start: int, stop: int):  # type: ignore[no-untyped-def]
            found = rows(start, stop)
            fetched.append(len(found))
            return found

        controller.history_rows = counted  # type: ignore[method-assign]
        made = [controller.trainer.step() for _ in range(5000)]
        controller.changed()
        table = await show_history(app, pilot)
        first = [int(r[0]) for r in table_rows(table)]
        assert first[-1] == 5000 and first == list(range(5001 - len(first), 5001))
        assert max(fetched) < 100  # a window, never the 5,000 rows
        # The newest rows are those the steps made, rebuilt from the timeline.
        for k in range(4990, 5000):
            assert table.record(k).to_dict() == made[k].to_dict()  # type: ignore[union-attr]
        await pilot.press("pageup")
        await pilot.pause()
        paged = [int(r[0]) for r in table_rows(table)]
        assert paged[-1] < first[0] + 2
        await pilot.press("home")
        await pilot.pause()
        assert table_rows(table)[0][0] == "1"
        await scroll_wheel(pilot, table, events.MouseScrollDown, 3)
        assert int(table_rows(table)[0][0]) > 1
        await scroll_wheel(pilot, table, events.MouseScrollUp, 5)
        assert table_rows(table)[0][0] == "1"
        # Scrolled up, a step does not pull the view down; at the end, it follows again.
        await pilot.press("space")
        await pilot.pause()
        assert table_rows(table)[0][0] == "1" and "5001 steps" in str(table.border_title)
        await pilot.press("end", "space")
        await pilot.pause()
        assert table_rows(table)[-1][0] == "5002"
        assert max(fetched) < 100


async def test_one_input_the_ledger_shows_each_outputs_weight() -> None:
    app = app_on("multi-output")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        text = ledger_text(app)
        # The book's first step: 0.3, 0.2, 0.9 become 0.293825, 0.25655, 0.868475.
        assert re.search(r"hurt +0\.3000→0\.2938 +win +0\.2000→0\.2566 +sad +0\.9000→0\.8685", text)
        assert "hurt: pred 0.1950  true 0.1000  error 0.0090  delta 0.0950" in text
        await pilot.press("down")  # the selected output's numbers
        await pilot.pause()
        assert "win: pred 0.1300  true 1.0000  error 0.7569  delta −0.8700" in ledger_text(app)


async def test_an_overflowed_step_is_in_the_ledger_as_not_applied() -> None:
    app = app_on("diverge")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app.controller.step():
            pass
        app.main.refresh_views()
        await pilot.pause()
        text = ledger_text(app)
        steps = app.controller.trainer.steps
        assert f"last step: step {steps}, on data row 0: overflowed, not applied" in text
        assert "error overflow" in text
