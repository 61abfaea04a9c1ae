"""The records of past steps, rebuilt on demand: the in-app history table reads them here.

The timeline keeps no record of each step (100,000 of them would not be small), only its units
and sparse states. A window of records is rebuilt as undo rebuilds a position: from the nearest
stored state, replaying the same arithmetic, so each record has the bits the step had when it
was taken. The trainer's live state is left where it was.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .block import BLOCK
from .changes import CHANGES, Kind
from .records import StepRecord
from .state import State

if TYPE_CHECKING:
    from .trainer import Trainer


def step_records(trainer: Trainer, start: int, stop: int) -> list[StepRecord]:
    """The records of steps ``start + 1`` to ``stop`` since the last reset (as ``step`` numbers
    them), clipped to the steps taken so far on the live branch."""
    stop = min(stop, trainer.state.step)
    start = max(start, 0)
    if start >= stop:
        return []
    timeline = trainer._timeline
    unit = _unit_of_row(trainer, trainer.state.trace_start + start)
    state = _state_after(trainer, unit - 1)
    records: list[StepRecord] = []
    previous = -1
    while len(records) < stop - start:
        k, offset = timeline.locate(unit)
        event = timeline.events[k]
        block = event.kind is Kind.BLOCK
        # The block path (see ``Trainer.goto``): the solver at its boundaries, and after it.
        if (block and (offset - 1) % BLOCK == 0) or (
            k != previous and _is_block(trainer, previous)
        ):
            state = _state_after(trainer, unit - 1)
        if event.kind.learns and trainer._book is not None and not state.diverged:
            state, _, _, made = trainer._book.steps(state, 1, True)  # as ``step`` makes it
            records.extend(made)
        elif event.kind.learns:
            row, update = trainer._update(state)
            records.append(trainer._record(state, row, update))
            state = state.stepped(update.weights_after if update.finite else None)
        else:
            state = CHANGES[event.kind].apply(state, event.value, trainer._start)
        previous, unit = k, unit + 1
    return records


def _is_block(trainer: Trainer, k: int) -> bool:
    return k >= 0 and trainer._timeline.events[k].kind is Kind.BLOCK


def _unit_of_row(trainer: Trainer, row: int) -> int:
    """The unit (1-based) of the step that wrote error row ``row``."""
    timeline = trainer._timeline
    # Changes start at the row of the step after them: the last event starting at or before
    # ``row`` is the learning one that holds it.
    k = bisect_right(timeline.first_row, row) - 1
    event = timeline.events[k]
    assert event.kind.learns, "a row is written by a step"
    return timeline.ends[k] - event.count + (row - timeline.first_row[k]) + 1


def _state_after(trainer: Trainer, unit: int) -> State:
    """The state after ``unit`` units, rebuilt by ``goto``, the live one put back."""
    here, live = trainer.position, trainer.state
    trainer.goto(unit)
    state = trainer.state
    trainer.state = live
    trainer._timeline.seek(here)
    return state
