"""The timeline of what happened to a network, kept small enough for 100,000 MNIST steps.

Every change is a *unit*: one training step, an alpha change, a freeze, a reset. The timeline
stores the units themselves (runs of steps are merged into one entry), the network's state only
at sparse checkpoints, and a handful of recently visited states (a State never changes, so these
are the states themselves, not copies). Any past position is rebuilt by replaying units from the
nearest stored state at or before it; replay runs the same arithmetic in the same order, so the
state it rebuilds is bit-identical to the one first computed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .block import BLOCK
from .changes import Kind
from .measure import Trace
from .state import State

RECENT = 32  # states kept just before the latest ``goto`` target: undo after undo is cheap


@dataclass(frozen=True)
class Event:
    """``count`` units of ``kind``: that many steps, a block of that many, or one change, whose
    argument is ``value`` (as ``CHANGES[kind].check`` returns it)."""

    kind: Kind
    count: int = 1
    value: Any = None


class Timeline:
    """Units in order, where we are among them, checkpoints, and per-step error rows."""

    def __init__(self, start: State, n_out: int, every: int = 64, max_checkpoints: int = 48):
        self.events: list[Event] = []
        self.ends: list[int] = []  # units done after each event (cumulative)
        self.first_row: list[int] = []  # error-trace row where each event starts
        self.pos = 0  # units applied to the live state: move it with ``seek``
        self.every = every
        self.max_checkpoints = max_checkpoints
        self.checkpoints: dict[int, State] = {0: start}
        self.recent: dict[int, State] = {}
        self.inside: dict[int, State] = {}  # states at block-solver boundaries inside blocks
        self.errors = np.zeros((64, n_out))
        self.correct = np.zeros(64, dtype=bool)
        self.rows = 0

    @property
    def total(self) -> int:
        return self.ends[-1] if self.ends else 0

    def locate(self, unit: int) -> tuple[int, int]:
        """The event holding ``unit`` (1-based) and the unit's 1-based offset inside it."""
        k = bisect_left(self.ends, unit)
        return k, unit - (self.ends[k - 1] if k else 0)

    def rows_at(self, pos: int) -> int:
        """How many error rows exist once ``pos`` units are applied."""
        if pos == 0:
            return 0
        k, offset = self.locate(pos)
        return self.first_row[k] + (offset if self.events[k].kind.learns else 0)

    def seek(self, pos: int) -> None:
        """Say the live state is now the one after ``pos`` units (the caller has rebuilt it)."""
        if not 0 <= pos <= self.total:
            raise IndexError(f"no position {pos} in a timeline of {self.total}")
        self.pos = pos

    def truncate(self) -> None:
        """Forget everything after ``pos``: a new unit starts a new branch (redo is lost)."""
        if self.pos == self.total:
            return
        rows = self.rows_at(self.pos)
        if rows < self.rows:
            # The new branch writes over rows handed out as a Trace: give it fresh arrays.
            self.errors, self.correct = self.errors.copy(), self.correct.copy()
        if self.pos == 0:
            self.events, self.ends, self.first_row = [], [], []
        else:
            k, offset = self.locate(self.pos)
            del self.events[k + 1 :], self.ends[k + 1 :], self.first_row[k + 1 :]
            if offset < self.events[k].count:
                self.events[k] = replace(self.events[k], count=offset)
                self.ends[k] = self.pos
        self.rows = rows
        for table in (self.checkpoints, self.recent, self.inside):
            for key in [key for key in table if key > self.pos]:
                del table[key]

    def append(self, event: Event, state: State) -> None:
        """Record ``event`` (its ``count`` units), already applied to ``state``, the live state.

        Call ``truncate`` before computing the event, so that its error rows land after ours.
        """
        last = self.events[-1] if self.events else None
        if event.kind is Kind.STEPS and last is not None and last.kind is Kind.STEPS:
            self.events[-1] = Event(Kind.STEPS, last.count + event.count)
            self.ends[-1] += event.count
        else:
            self.events.append(event)
            self.ends.append(self.pos + event.count)
            self.first_row.append(self.rows - (event.count if event.kind.learns else 0))
        before, self.pos = self.pos, self.pos + event.count
        if self.pos // self.every > before // self.every:
            self.checkpoints[self.pos] = state
            self.thin()

    def thin(self) -> None:
        """Keep at most ``max_checkpoints``: drop every other one and space them twice as far."""
        if len(self.checkpoints) <= self.max_checkpoints:
            return
        self.every *= 2
        keys = sorted(self.checkpoints)
        for key in keys[1:-1:2]:
            del self.checkpoints[key]

    def usable(self, unit: int, target: int) -> bool:
        """Whether replay from the state after ``unit`` towards ``target`` gives the states the
        block path defines (see ``Trainer.goto``): a state between events always does; one
        inside a block does at a block-solver boundary (every ``BLOCK`` examples from the
        block's start), or when the target lies in the same stretch of ``BLOCK`` before the
        block's end, reached one step at a time."""
        if unit == 0:
            return True
        k, offset = self.locate(unit)
        event = self.events[k]
        if event.kind is not Kind.BLOCK or offset == event.count or offset % BLOCK == 0:
            return True
        start = self.ends[k] - event.count
        return unit <= target < self.ends[k] and (target - start) // BLOCK == offset // BLOCK

    def add_rows(self, errors: np.ndarray, correct: np.ndarray) -> None:
        """Errors per output [n][n_out] and whether each prediction was right, for n steps."""
        room_errors, room_correct = self.room(len(errors))
        room_errors[:] = errors
        room_correct[:] = correct
        self.filled(len(errors))

    def room(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """The next ``n`` rows (errors [n][n_out], correct [n]) to write into, then add with
        ``filled``: the block solver writes there rather than into copies."""
        end = self.rows + n
        if end > len(self.errors):
            size = max(end, 2 * len(self.errors))
            # New arrays, the rows so far copied (np.resize tiles: 35 ms for an MNIST epoch's).
            old_errors, old_correct = self.errors, self.correct
            self.errors, self.correct = np.empty((size, old_errors.shape[1])), np.empty(size, bool)
            self.errors[: self.rows] = old_errors[: self.rows]
            self.correct[: self.rows] = old_correct[: self.rows]
        return self.errors[self.rows : end], self.correct[self.rows : end]

    def filled(self, n: int) -> None:
        """The next ``n`` rows of ``room`` are written: they are rows of the trace now."""
        self.rows += n

    def trace(self, start: int, end: int) -> Trace:
        """Error rows ``start`` to ``end``, read-only. Rows once handed out never change: a
        new branch (``truncate``) writes into fresh arrays, and growing copies."""
        errors, correct = self.errors[start:end], self.correct[start:end]
        errors.setflags(write=False)
        correct.setflags(write=False)
        return Trace(errors, correct)

    def nearest_state(self, target: int) -> tuple[int, State]:
        """The latest stored state at or before ``target`` that replay may start from."""
        best = max(k for k in self.checkpoints if k <= target)
        state = self.checkpoints[best]
        for table in (self.inside, self.recent):
            for k, stored in table.items():
                if best < k <= target and self.usable(k, target):
                    best, state = k, stored
        return best, state

    def keep_inside(self, unit: int, state: State, keep: int = 64) -> None:
        """Keep a state at a block-solver boundary inside a block: undo from anywhere after it
        in the block starts there (``keep`` of them, those nearest the newest kept)."""
        self.inside[unit] = state
        while len(self.inside) > keep:
            del self.inside[max(self.inside, key=lambda k: abs(k - unit))]

    def remember(self, unit: int, state: State, target: int, keep: int = RECENT) -> None:
        """Cache states just before ``target`` so that undoing again and again is cheap."""
        if target - keep <= unit < target:
            self.recent[unit] = state
            while len(self.recent) > 2 * keep:
                del self.recent[max(self.recent, key=lambda k: abs(k - target))]
