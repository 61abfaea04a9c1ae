"""The history table's rows as text (no terminal): the columns each shape of network gets, and
numbers that stay in their columns however large."""

from __future__ import annotations

from gdtui.controller import Controller
from gdtui.scenario import load_scenario, resolve
from gdtui.widgets.history_table import Shown


def stepped(name: str, steps: int) -> Controller:
    c = Controller(load_scenario(resolve(name)))
    for _ in range(steps):
        c.step()
    return c


def test_one_output_a_row_is_the_books_printout_at_four_decimals() -> None:
    c = stepped("multi-input", 1)
    shown = Shown.of(c.problem, c.cursor)
    assert shown.header(0).split() == [
        "Iteration",
        "Pred",
        "Error",
        "Delta",
        "Weights",
        "Weight_Deltas",
    ]
    assert shown.header(1).split() == ["toes", "wlrec", "nfans"] * 2
    row = shown.row(c.history_rows(0, 1)[0])
    assert row.split() == ["1", "0.8600", "0.0196", "-0.1400", "0.1000", "0.2000", "-0.1000",
                           "-1.1900", "-0.0910", "-0.1680"]  # fmt: skip
    assert len(row) == len(shown.header(0)) == len(shown.header(1)) == shown.width


def test_several_outputs_get_a_sub_column_each_and_the_selected_outputs_weights() -> None:
    c = stepped("multi-in-out", 1)
    c.move_cursor(1, 0)  # win
    shown = Shown.of(c.problem, c.cursor)
    titles = shown.header(0).split()
    assert titles[:4] == ["Iteration", "Pred", "Error", "Delta"]
    assert "Weights (into win)" in shown.header(0)
    assert shown.header(1).split() == ["hurt", "win", "sad"] * 3 + ["toes", "wlrec", "nfans"] * 2
    cells = shown.row(c.history_rows(0, 1)[0]).split()
    # The book's first step of the 3x3 network: preds 0.555, 0.98, 0.965; win's weights.
    assert cells[1:4] == ["0.5550", "0.9800", "0.9650"]
    assert cells[10:13] == ["0.1000", "0.2000", "0.0000"]


def test_one_input_each_outputs_weight() -> None:
    c = stepped("multi-output", 1)
    shown = Shown.of(c.problem, c.cursor)
    assert shown.header(1).split() == ["hurt", "win", "sad"] * 5
    assert "(" not in shown.header(0)  # every weight shown: no "(into ...)"


def test_an_overflowed_step_keeps_its_columns() -> None:
    c = stepped("diverge", 0)
    while not c.diverged:
        c.step()
    shown = Shown.of(c.problem, c.cursor)
    rows = [shown.row(r) for r in c.history_rows(0, c.trainer.steps)]
    assert "overflow" in rows[-1] and rows[-1].split()[0] == str(c.trainer.steps)
    assert all(len(row) <= shown.width + 1 for row in rows)  # "overflow" is one wider at most
    big = rows[-2].split()
    assert len(big) == 10 and all(len(cell) <= 9 for cell in big)
