"""A network learning one example at a time: step, run, freeze, undo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from . import measure
from .block import BLOCK, Systems, as_slice, block_epoch
from .book import book_steps, run_epochs, run_in_chunks
from .changes import CHANGES, Kind, event_text, saved_units
from .history import RECENT, Event, Timeline
from .maths import BOOK_ORDER_MAX_INPUTS, Curve, Update, compute_update, error_curve
from .measure import Trace
from .problem import Problem
from .records import EpochRecord, StepRecord
from .state import State, frozen_array

# A saved history of more units (steps, block steps and changes) is refused unreplayed: replay
# costs what the steps cost the first time, ~40 us each, so this is a minute at most.
MAX_REPLAY = 1_000_000
PIECE = 85 * BLOCK  # replay inside a block solves at most this many examples at a time
Rows = np.ndarray | None  # where the block solver writes its rows, if anywhere
CHECKPOINTS, SMALL_CHECKPOINTS = 48, 1024  # states kept along the timeline, at most


class DivergedError(RuntimeError):
    """Raised by ``step`` once the network has diverged: undo or reset first."""


class Trainer:
    """Owns the live state of one network and its timeline.

    ``state`` is the network now (a State: it never changes, each step or change makes a new
    one); ``peek()`` is the record of the coming step, ``step()`` applies it. Changes (alpha,
    freezing, edits, reset) go through methods, so they enter the timeline and undo and redo
    replay them exactly. ``trace`` and the functions in ``gdtui.engine.measure`` measure it.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.state = self._start = State.start(problem)
        self._book = book_steps(problem)  # the book's networks step on floats: the same bits
        # A small network's state is a few numbers: keep many, so that replay stays short.
        kept = SMALL_CHECKPOINTS if self._book is not None else CHECKPOINTS
        self._timeline = Timeline(self.state, problem.n_out, max_checkpoints=kept)
        self._systems = Systems()  # the block solver's, kept across epochs

    # -- where we are ---------------------------------------------------------------------
    @property
    def steps(self) -> int:
        return self.state.step

    @property
    def epoch_length(self) -> int:
        return len(self.problem.examples)

    @property
    def example(self) -> int:
        """The data row the next step learns from."""
        return int(self.problem.examples[self.state.step % self.epoch_length])

    @property
    def position(self) -> int:
        """Units (steps and changes) applied since the start: undo lowers it, redo raises it."""
        return self._timeline.pos

    @property
    def total(self) -> int:
        """Units in the timeline: ``position`` can go as far as this with redo or ``goto``."""
        return self._timeline.total

    @property
    def can_undo(self) -> bool:
        return self.position > 0

    @property
    def can_redo(self) -> bool:
        return self.position < self.total

    @property
    def trace(self) -> Trace:
        """Each step's error per output and whether it was right, since the last reset."""
        start = self.state.trace_start
        return self._timeline.trace(start, start + self.state.step)

    # -- learning ---------------------------------------------------------------------------
    def _update(self, state: State) -> tuple[int, Update]:
        row = int(self.problem.examples[state.step % self.epoch_length])
        x, true = state.inputs[row], state.targets[row]
        return row, compute_update(state.weights, state.frozen, state.alpha, x, true)

    def _record(self, state: State, row: int, update: Update) -> StepRecord:
        step = state.step + 1
        return StepRecord(
            step=step,
            epoch=(step - 1) // self.epoch_length + 1,
            example=row,
            alpha=state.alpha,
            input=state.inputs[row],
            true=state.targets[row],
            pred=update.pred,
            error=update.error,
            delta=update.delta,
            weight_deltas=update.weight_deltas,
            weights=state.weights,
            weights_after=update.weights_after if update.finite else state.weights,
            diverged=not update.finite,
            frozen=state.frozen if state.frozen.any() else None,  # as the book's steps give it
        )

    def peek(self) -> StepRecord:
        """The record the next step would make, without making it."""
        if self._book is not None:
            return self._book.steps(self.state, 1, keep=True)[3][0]
        row, update = self._update(self.state)
        return self._record(self.state, row, update)

    def step(self) -> StepRecord:
        """Learn from the next example. A step that overflows is recorded as diverged and its
        update is not applied; after it, ``step`` raises DivergedError until undo or reset."""
        if self.state.diverged:
            raise DivergedError(f"diverged at step {self.state.step}")
        if self._book is not None:
            return self._steps(1, keep=True)[0]
        self._timeline.truncate()
        row, update = self._update(self.state)
        record = self._record(self.state, row, update)
        correct = bool(update.pred.argmax() == self.state.targets[row].argmax())
        self._timeline.add_rows(update.error[None], np.array([correct]))
        self.state = self.state.stepped(update.weights_after if update.finite else None)
        self._timeline.append(Event(Kind.STEPS), self.state)
        return record

    def _steps(self, count: int, keep: bool = False) -> list[StepRecord]:
        """Up to ``count`` steps, stopping after a diverged one; the records (if kept: book's)."""
        if self._book is None or self.state.diverged:
            return [record for record in self._one_by_one(count) if keep]
        self._timeline.truncate()
        self.state, errors, right, records = self._book.steps(self.state, count, keep)
        self._timeline.add_rows(np.array(errors), np.array(right))
        self._timeline.append(Event(Kind.STEPS, count=len(errors)), self.state)
        return records

    def run(self, steps: int) -> Iterator[StepRecord]:
        """Up to ``steps`` steps, stopping after a diverged one (see ``engine.book``)."""
        return run_in_chunks(self, steps) if self._book else self._one_by_one(steps)

    def _one_by_one(self, steps: int) -> Iterator[StepRecord]:
        for _ in range(steps):
            record = self.step()
            yield record
            if record.diverged:
                return

    def run_epoch(self, fast: bool | None = None) -> EpochRecord:
        """Finish the current epoch (a whole one when at its start) and report it.

        ``fast`` learns the epoch with the block solver: the same per-example descent up to
        rounding, in a few BLAS calls per block. By default it is used for networks too wide for
        the book's summation order, where it pays; small ones keep the book's exact digits.
        """
        remaining = self.epoch_length - self.state.step % self.epoch_length
        if fast is None:
            fast = self.problem.n_in > BOOK_ORDER_MAX_INPUTS
        if not (fast and remaining > 1 and self._block_ready() and self._block(remaining)):
            self._steps(remaining)
        return measure.epoch_record(self.problem, self.state, self.trace)

    def run_epochs(self, epochs: int) -> Iterator[EpochRecord]:
        """``run_epoch`` ``epochs`` times, stopping after a diverged one (see ``engine.book``)."""
        return run_epochs(self, epochs)

    def _block_ready(self) -> bool:
        """The solver handles outputs that are wholly free or wholly frozen, not a mix."""
        frozen = self.state.frozen
        mixed = frozen.any(axis=1) & ~frozen.all(axis=1)
        return not self.state.diverged and not mixed.any()

    def _block(self, count: int) -> bool:
        """Learn ``count`` examples as one block event; False (and nothing done) on overflow, so
        the caller can step through them one at a time and find the step that diverges."""
        self._timeline.truncate()
        errors, correct = self._timeline.room(count)  # written in place, piece by piece
        state, inside = self.state, []
        for done in range(0, count, PIECE):
            # In pieces (whole blocks of the solver: the same bits as one call), keeping the
            # states between them, so that undo inside the block starts near where it lands.
            piece = slice(done, min(count, done + PIECE))
            solved = self._solve_block(state, piece.stop - done, errors[piece], correct[piece])
            if solved is None:
                return False
            state = solved
            inside.append((self.position + piece.stop, state))
        for unit, kept in inside[:-1]:
            self._timeline.keep_inside(unit, kept)
        self._timeline.filled(count)
        self.state = state
        self._timeline.append(Event(Kind.BLOCK, count=count), state)
        return True

    def _solve_block(
        self, state: State, count: int, errors: Rows = None, correct: Rows = None
    ) -> State | None:
        """The state ``count`` steps on, or None if they overflow; the steps' errors (squared
        deltas) [count][n_out] and whether each prediction was right go into ``errors`` and
        ``correct`` when given."""
        start = state.step % self.epoch_length
        rows = self.problem.examples[start : start + count]
        free = np.asarray(~state.frozen.all(axis=1), dtype=bool)
        weights, deltas = block_epoch(
            state.weights, free, state.alpha, state.inputs, state.targets, rows,
            systems=self._systems, offset=start, out=errors,
        )  # fmt: skip
        with np.errstate(all="ignore"):
            if correct is not None:
                targets = state.targets[as_slice(rows)]
                np.equal((deltas + targets).argmax(axis=1), targets.argmax(axis=1), out=correct)
            # Not finite if a delta is not, or if one overflows here.
            squares = np.multiply(deltas, deltas, out=deltas)
        if not (np.isfinite(squares).all() and np.isfinite(weights).all()):
            return None
        return State(
            frozen_array(weights), state.alpha, state.frozen, state.inputs, state.targets,
            state.step + count, state.trace_start, state.diverged,
        )  # fmt: skip

    def curve(self, i: int, j: int) -> Curve:
        """Output i's error on the coming example against weight (i, j), the rest held fixed."""
        row = self.example
        x, true = self.state.inputs[row], self.state.targets[row]
        return error_curve(self.state.weights, x, true, i, j)

    # -- changes ----------------------------------------------------------------------------
    def _change(self, kind: Kind, value: Any = None) -> None:
        """Check ``value`` (ValueError or TypeError if it does not fit), apply, record."""
        change = CHANGES[kind]
        value = change.check(self.state, value)
        self._timeline.truncate()
        self.state = change.apply(self.state, value, self._start)
        self._timeline.append(Event(kind, value=value), self.state)

    def set_alpha(self, alpha: float) -> None:
        self._change(Kind.ALPHA, alpha)

    def freeze(self, i: int, j: int, on: bool = True) -> None:
        self._change(Kind.FREEZE, (i, j, bool(on)))

    def freeze_output(self, i: int, on: bool = True) -> None:
        """Freeze (or free) every weight into output i: a whole MNIST digit at once."""
        self._change(Kind.FREEZE_OUTPUT, (i, bool(on)))

    def unfreeze_all(self) -> None:
        self._change(Kind.UNFREEZE_ALL)

    def set_weight(self, i: int, j: int, value: float) -> None:
        """Type a new value for weight (i, j): a change in the history like any other."""
        self._change(Kind.WEIGHT, (i, j, value))

    def set_value(self, side: str, row: int, col: int, value: float) -> None:
        """Edit the data: ``side`` is "inputs" or "targets"; row and column as in the arrays."""
        self._change(Kind.DATA, (side, row, col, value))

    def normalise(self, back_to: Any = None) -> None:
        """Standardise each input column (None), or put back the inputs ``back_to``."""
        self._change(Kind.NORMALISE, back_to)

    def reset(self) -> None:
        """Back to the starting weights and step 0, keeping alpha and the frozen set."""
        self._change(Kind.RESET)

    # -- saving and restoring the whole history ----------------------------------------------
    def history(self) -> dict[str, object]:
        """Everything needed to rebuild this trainer on the same problem, as plain data."""
        events = [
            [e.kind.value, e.count, list(e.value) if isinstance(e.value, tuple) else e.value]
            for e in self._timeline.events
        ]
        return {"events": events, "position": self.position}

    @classmethod
    def restore(cls, problem: Problem, history: object) -> Trainer:
        """A trainer on ``problem`` with ``history`` replayed, at its saved position.

        Replay runs the same arithmetic as the first time, so the weights are bit-identical.
        Every event is checked as the methods check their arguments (a block no longer than
        the rest of its epoch), and the whole history is refused before any replay when it
        holds more than ``MAX_REPLAY`` units. Raises ValueError for a history that does not
        fit the problem, naming the first event that does not.
        """
        if not isinstance(history, dict):
            raise ValueError("the saved history does not fit this scenario (not an object)")
        events, position = history.get("events"), history.get("position")
        trainer = cls(problem)
        try:
            if not isinstance(events, list):
                raise ValueError("'events' is not a list")
            units = sum(saved_units(k, event) for k, event in enumerate(events, 1))
        except ValueError as error:
            raise ValueError(f"the saved history does not fit this scenario ({error})") from None
        if units > MAX_REPLAY:
            message = f"{units:,} steps and changes, more than the {MAX_REPLAY:,} gdtui replays"
            raise ValueError(f"the saved history does not fit the replay limit: {message}")
        try:
            for k, event in enumerate(events, 1):
                try:
                    trainer._replay(*event)
                except (TypeError, ValueError, IndexError, DivergedError) as error:
                    raise ValueError(f"event {k} {event_text(event)}: {error}") from None
            if type(position) is not int:
                raise ValueError(f"position {position!r} is not a whole number")
            trainer.goto(position)
        except (ValueError, IndexError) as error:
            raise ValueError(f"the saved history does not fit this scenario ({error})") from None
        return trainer

    def _replay(self, name: str, count: int, value: object) -> None:
        kind = Kind(name)  # known: ``saved_units`` checked it
        if kind is Kind.STEPS:
            for _ in range(count):
                self.step()
        elif kind is Kind.BLOCK:
            left = self.epoch_length - self.state.step % self.epoch_length
            if count > left:
                raise ValueError(f"a block of {count} steps, but {left} are left in the epoch")
            if not self._block_ready():
                raise ValueError("a block of steps where the block solver cannot run")
            if not self._block(count):
                raise ValueError("a saved block of steps diverged on replay")
        else:
            self._change(kind, value)

    # -- undo and redo ----------------------------------------------------------------------
    def undo(self) -> bool:
        """Take back the last unit (a step or a change). False when there is none."""
        if not self.can_undo:
            return False
        self.goto(self.position - 1)
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self.goto(self.position + 1)
        return True

    def goto(self, target: int) -> None:
        """Rebuild the state after ``target`` units, replaying from the nearest stored state.

        Inside a block (an epoch learned by the block solver) the state after ``o`` of its
        examples is defined as the block path makes it: the solver over the first
        ``o // BLOCK * BLOCK`` examples, then single steps. Every way of reaching a position
        (undo, redo, goto, a resumed session) takes that path, so each gives the same bits, and
        undo anywhere in a long block solves at most ``PIECE`` examples and steps fewer than
        ``BLOCK``: boundary states met on the way are kept (``Timeline.keep_inside``).
        """
        timeline = self._timeline
        if not 0 <= target <= timeline.total:
            raise IndexError(f"no position {target} in a timeline of {timeline.total}")
        unit, state = timeline.nearest_state(target)
        if unit < timeline.pos <= target and timeline.usable(timeline.pos, target):
            state, unit = self.state, timeline.pos
        while unit < target:
            k, offset = timeline.locate(unit + 1)
            event, done = timeline.events[k], offset - 1  # units of event k already applied
            if event.kind is Kind.STEPS and self._book is not None:
                # On floats, all at once but the last few before the target (remembered).
                stop = min(timeline.ends[k], max(unit + 1, target - RECENT))
                state, errors, _, _ = self._book.steps(state, stop - unit)
                unit += len(errors)
                timeline.remember(unit, state, target)
                continue
            if event.kind is Kind.BLOCK and done % BLOCK == 0:
                start, end = timeline.ends[k] - event.count, timeline.ends[k]
                stop = event.count if end <= target else (target - start) // BLOCK * BLOCK
                while done < stop:
                    piece = min(stop - done, PIECE)
                    solved = self._solve_block(state, piece)
                    if solved is None:  # pragma: no cover - it did not overflow the first time
                        raise RuntimeError("a block that was solved once overflowed on replay")
                    state, done = solved, done + piece
                    if done < event.count:
                        timeline.keep_inside(start + done, state)
                if start + done > unit:
                    unit = start + done
                    timeline.remember(unit, state, target)
                    continue
            if event.kind.learns:
                # A step, or part of a block inside its last BLOCK examples before the target.
                _, update = self._update(state)
                state = state.stepped(update.weights_after if update.finite else None)
            else:
                state = CHANGES[event.kind].apply(state, event.value, self._start)
            unit += 1
            timeline.remember(unit, state, target)
        self.state = state
        timeline.seek(target)
