"""The ghost run: a second copy of the scenario that differs in one thing, in lockstep.

The ghost is a Trainer of its own. It starts from the scenario's start with its difference
(alpha ten times larger or smaller, one weight frozen where the run's is free or free where it
is frozen, or the inputs standardised), then takes every step and change the learner's run has
taken, in order, each mapped so that the difference stays: an alpha change is scaled, freezing
the weight that differs does the opposite, a data edit is standardised again. It follows the
run's timeline unit by unit, so undo, redo, reset and a new branch keep the two in step: each
of the run's positions has the ghost's position it corresponds to.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

import numpy as np

from .engine import Problem, Trainer
from .engine.scaling import inputs_after
from .renderables.numbers import alpha_text
from .replay import first_units

# What a ghost can differ in: the digit key in the ghost view, the name, what it says.
DIFFERENCES = (
    ("1", "alpha×10", "alpha ten times larger"),
    ("2", "alpha÷10", "alpha ten times smaller"),
    ("3", "freeze", "the selected weight frozen if free, free if frozen"),
    ("4", "normalise", "the inputs standardised (mean 0, standard deviation 1)"),
)
FACTORS = {"alpha×10": 10.0, "alpha÷10": 0.1}


@dataclass(frozen=True, eq=False)
class GhostTrace:
    """What the comparison chart draws: both runs' error per step since the last reset."""

    what: str  # the difference, in words, e.g. "alpha 0.1 (×10)"
    errors: np.ndarray  # the run's summed error per step
    ghost_errors: np.ndarray  # the ghost's
    diverged: bool  # the ghost has diverged (its trace ends there)
    ghost_step: int


class Ghost:
    """A trainer following another's timeline with one ``difference`` (see DIFFERENCES; None:
    no difference, a copy that keeps the states the run went through) and ``weight`` (output,
    input) for "freeze". ``kept`` holds its state after each of the run's last ``keep`` units."""

    def __init__(
        self, problem: Problem, difference: str | None, weight: tuple[int, int], keep: int = 0
    ) -> None:
        if difference is not None and difference not in [name for _, name, _ in DIFFERENCES]:
            raise ValueError(f"no ghost difference {difference!r}")
        self.difference, self.weight = difference, weight
        self.trainer = Trainer(problem)
        self.seen: list[list] = []  # the run's events mirrored so far, [kind, count, value]
        self.inputs = np.asarray(problem.inputs)  # the run's inputs after the units mirrored so far
        self.positions = [0]  # the ghost's position after each unit of the run
        self.keep, self.kept = keep, {0: self.trainer.state}
        if difference is None:
            pass
        elif difference in FACTORS:
            self._apply("alpha", self.trainer.state.alpha * FACTORS[difference])
        elif difference == "freeze":
            i, j = weight
            self._apply("freeze", [i, j, not bool(problem.frozen[i, j])])
        else:
            self._apply("normalise", None)
        self.positions = [self.trainer.position]

    def describe(self, run: Trainer) -> str:
        """The difference as the chart's legend says it."""
        if self.difference in FACTORS:
            times = "×10" if FACTORS[self.difference] > 1 else "÷10"
            return f"alpha {alpha_text(self.trainer.state.alpha)} ({times})"
        if self.difference == "freeze":
            i, j = self.weight
            p = run.problem
            state = "frozen" if self.trainer.state.frozen[i, j] else "free"
            return f"{p.input_names[j]} → {p.output_names[i]} {state}"
        return "inputs normalised"

    def follow(self, run: Trainer) -> None:
        """Mirror what ``run`` did since the last call, then stand where it stands."""
        events = run.history()["events"]
        assert isinstance(events, list)
        common = _common_units(self.seen, events)
        if common < len(self.positions) - 1:  # the run left a branch: so does the ghost
            del self.positions[common + 1 :]
            for unit in [unit for unit in self.kept if unit > common]:
                del self.kept[unit]
            self.seen = first_units(events, common)
            self.inputs = inputs_after(np.asarray(run.problem.inputs), self.seen)
            self.trainer.goto(self.positions[-1])
        done = common
        for kind, count, value in events:
            if done >= count:
                done -= count
                continue
            for _ in range(count - done):
                self._mirror(kind, value)
                self.positions.append(self.trainer.position)
                if self.keep:
                    self.kept[len(self.positions) - 1] = self.trainer.state
                    self.kept.pop(len(self.positions) - 1 - self.keep, None)
            done = 0
        self.seen = [list(event) for event in events]
        target = self.positions[run.position]
        if self.trainer.position != target:
            self.trainer.goto(target)

    def trace(self, run: Trainer) -> GhostTrace:
        self.follow(run)
        return GhostTrace(
            what=self.describe(run),
            errors=_summed(run.trace.errors),
            ghost_errors=_summed(self.trainer.trace.errors),
            diverged=self.trainer.state.diverged,
            ghost_step=self.trainer.steps,
        )

    # -- mapping one unit of the run onto the ghost -----------------------------------------
    def _mirror(self, kind: str, value: object) -> None:
        if kind in ("steps", "block"):
            if not self.trainer.state.diverged:  # a diverged ghost waits for undo or reset
                self.trainer.step()
            return
        if kind in ("data", "normalise"):
            self.inputs = inputs_after(np.asarray(self.inputs), [[kind, 1, value]])
        if self.difference == "normalise" and (
            kind == "normalise" or (kind == "data" and value[0] == "inputs")  # type: ignore[index]
        ):
            self._apply("normalise", self.inputs.tolist())
            self._apply("normalise", None)
            return
        if kind == "alpha" and self.difference in FACTORS:
            value = float(value) * FACTORS[self.difference]  # type: ignore[arg-type]
        i, j = self.weight
        if self.difference == "freeze" and kind == "freeze" and list(value[:2]) == [i, j]:  # type: ignore[index]
            value = [i, j, not value[2]]  # type: ignore[index]  # the run froze it: the ghost frees it
        self._apply(kind, value)
        if self.difference == "freeze":
            # Unfreezing all, or a whole output, reaches the weight that differs: put it back.
            if kind == "unfreeze_all":
                self._apply("freeze", [i, j, True])
            elif kind == "freeze_output" and value[0] == i:  # type: ignore[index]
                self._apply("freeze", [i, j, not value[1]])  # type: ignore[index]

    def _apply(self, kind: str, value: object) -> None:
        """Apply one change; one the ghost cannot take (alpha ×10 past the largest float) is
        left out, and the ghost goes on without it."""
        with suppress(ValueError, TypeError, IndexError):
            self.trainer._replay(kind, 1, value)


def _summed(errors: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return errors.sum(axis=1)


def _common_units(a: list[list], b: list[list]) -> int:
    """How many units two histories share from their start."""
    common = 0
    for (kind_a, count_a, value_a), (kind_b, count_b, value_b) in zip(a, b, strict=False):
        if kind_a != kind_b or value_a != value_b:
            break
        common += min(count_a, count_b)
        if count_a != count_b:
            break
    return common
