"""The history table's rows (``Controller.history_rows``), without a terminal: the book's
printout, and the records each step made, after undo, redo, reset and changes too."""

from __future__ import annotations

import random

import numpy as np
import pytest

from gdtui.controller import Controller
from gdtui.engine import StepRecord, Trainer
from gdtui.output import book_step
from gdtui.scenario import load_scenario, resolve
from tests import book
from tests.helpers import problem

BOOK = {
    "multi-input": lambda n: book.multi_input(iterations=n)[0],
    "freeze": lambda n: book.multi_input(alpha=0.3, iterations=n, freeze_first=True)[0],
    "multi-output": lambda n: book.multi_output(iterations=n)[0],
    "multi-in-out": lambda n: book.multi_in_out(iterations=n)[0],
}


def on(name: str) -> Controller:
    return Controller(load_scenario(resolve(name)))


def same(a: StepRecord, b: StepRecord) -> bool:
    return a.to_dict() == b.to_dict() and np.array_equal(a.frozen, b.frozen)


@pytest.mark.parametrize("name", sorted(BOOK))
def test_the_rows_print_as_the_books_notebook(name: str) -> None:
    c = on(name)
    for _ in range(5):
        c.step()
    rows = c.history_rows(0, 5)
    assert [r.step for r in rows] == [1, 2, 3, 4, 5]
    assert "".join(book_step(r) + "\n" for r in rows) == BOOK[name](5)
    # Any window: the same records as the whole, and the frame hands out the same method.
    assert [r.to_dict() for r in c.frame().history(2, 4)] == [r.to_dict() for r in rows[2:4]]
    assert c.history_rows(4, 99)[0].step == 5 and c.history_rows(5, 9) == []


def test_the_rows_are_those_the_steps_made_after_any_changes() -> None:
    """Random steps, alpha changes, freezing, edits, undo, redo and resets: the rows are always
    the records that the steps since the last reset on the live branch made when taken."""
    rng = random.Random(5)
    c = on("season")
    made: dict[int, StepRecord | str] = {}  # unit -> its step's record, or what change it was
    for _ in range(400):
        op = rng.choice(["step"] * 6 + ["alpha", "freeze", "weight", "undo", "redo", "reset"])
        if op == "step" and not c.diverged:
            c.step()
            made[c.trainer.position] = c.frame().last  # type: ignore[assignment]
        elif op in ("undo", "redo"):
            getattr(c, op)()
        else:
            if op == "alpha":
                c.set_alpha(rng.choice([0.001, 0.01, 0.02]))
            elif op == "freeze":
                c.toggle_freeze((0, rng.randrange(c.problem.n_in)))
            elif op == "weight":
                c.edit("weights", 0, rng.randrange(c.problem.n_in), rng.uniform(-1, 1))
            elif op == "reset":
                c.reset()
            made[c.trainer.position] = op
        pos = c.trainer.position
        resets = [u for u in range(1, pos + 1) if made.get(u) == "reset"]
        since = range(max(resets, default=0) + 1, pos + 1)
        expected = [r for u in since if isinstance(r := made[u], StepRecord)]
        steps = c.trainer.steps
        got = c.history_rows(0, steps)
        assert len(expected) == steps == len(got)
        assert all(same(a, b) for a, b in zip(got, expected, strict=True))
        if steps > 3:  # a window in the middle, rebuilt from the nearest state
            k = rng.randrange(steps - 2)
            window = c.history_rows(k, k + 2)
            assert all(same(a, b) for a, b in zip(window, expected[k : k + 2], strict=True))


def test_reading_the_rows_leaves_the_live_state_alone() -> None:
    c = on("multi-input")
    for _ in range(300):
        c.step()
    state, position = c.trainer.state, c.trainer.position
    c.history_rows(10, 20)
    assert c.trainer.state is state and c.trainer.position == position
    c.step()  # and the trainer carries on from there
    assert c.trainer.steps == 301


def test_rows_inside_a_block_are_the_states_undo_rebuilds() -> None:
    """An epoch learned by the block solver: each row is the step from the state ``goto``
    rebuilds before it (the block path), across the solver's boundaries and past the block."""
    rng = np.random.default_rng(2)
    inputs = rng.normal(size=(150, 20))
    p = problem(inputs, rng.normal(size=(150, 1)), np.zeros((1, 20)), 0.001)
    t = Trainer(p)
    t.step()
    t.run_epoch(fast=True)  # a block of the 149 left
    t.step()
    t.step()
    from gdtui.engine.ledger import step_records

    rows = step_records(t, 0, t.steps)
    assert [r.step for r in rows] == list(range(1, 153))
    end = t.position
    for unit in (1, 2, 48, 49, 50, 97, 149, 150, 151, 152):
        t.goto(unit - 1)
        expected = t.peek()
        assert same(rows[unit - 1], expected), unit
    t.goto(end)
