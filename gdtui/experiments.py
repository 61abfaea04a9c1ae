"""The experiments' rules, without Textual: normalising the inputs, the ghost run, the plane's
second weight and the path of past weights it draws. The controller owns one ``Experiments``;
each frame carries its ``Experimental`` part."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .engine.scaling import column_scales, raw_inputs
from .renderables.numbers import num, short
from .replay import replay_events

if TYPE_CHECKING:
    from .controller import Controller
    from .ghost import Ghost, GhostTrace

PATH_LENGTH = 400  # past steps and changes whose weights the plane draws


@dataclass(frozen=True, eq=False)
class Experimental:
    """What the experiment views show at one moment."""

    ghost: GhostTrace | None
    pair: tuple[tuple[int, int], tuple[int, int]]  # the plane's two weights
    path: tuple[np.ndarray, ...]  # the weights after each past unit since the last reset
    normalised: bool  # the inputs are standardised now


class Experiments:
    def __init__(self, controller: Controller) -> None:
        self.controller = controller
        self.ghost: Ghost | None = None
        self.second: tuple[int, int] | None = None  # the plane's second weight, once moved
        # A copy of the run, kept once the plane is shown: the weights the run went through.
        self._copy: Ghost | None = None

    # -- normalising ------------------------------------------------------------------------
    def _raw(self) -> np.ndarray | None:
        trainer = self.controller.trainer
        return raw_inputs(np.asarray(trainer.problem.inputs), replay_events(trainer))

    def toggle_normalise(self) -> str:
        """Standardise the inputs, or (when they are) put them back: a change in the history,
        so undo takes it back. What happened, in words."""
        trainer = self.controller.trainer
        if self.controller.images:  # 784 pixel columns, already 0 to 1
            return "normalising is for the book's small networks, not the MNIST pictures"
        raw = self._raw()
        if raw is None:
            before = trainer.state.inputs
            trainer.normalise()
            text = "; ".join(_how(name, before[:, j], trainer.state.inputs[:, j])
                             for j, name in enumerate(trainer.problem.input_names[:3]))  # fmt: skip
            note = (
                "inputs normalised: each input minus its mean, divided by its standard "
                f"deviation: {text}" + ("; …" if trainer.problem.n_in > 3 else "")
            )
        else:
            trainer.normalise(raw.tolist())
            note = "inputs back as they were before normalising (b again normalises them)"
        self.controller.changed()
        return note

    # -- the ghost run ----------------------------------------------------------------------
    def start_ghost(self, difference: str) -> None:
        """A ghost run of the scenario that differs in ``difference`` (ghost.DIFFERENCES)."""
        from .ghost import Ghost  # (imported once a view needs it: not before the first frame)

        c = self.controller
        self.ghost = Ghost(c.problem, difference, c.cursor)
        c.changed(stage=True)

    # -- the error plane --------------------------------------------------------------------
    def pair(self) -> tuple[tuple[int, int], tuple[int, int]]:
        c = self.controller
        second = self.second if self.second not in (None, c.cursor) else None
        return c.cursor, second or partner(c.cursor, c.problem.weights.shape)

    def move_second(self, d_out: int, d_in: int) -> None:
        """Move the plane's second weight (never onto the selected one: it jumps over it)."""
        c = self.controller
        n_out, n_in = c.problem.weights.shape
        i, j = self.pair()[1]
        for _ in range(2):
            i, j = min(max(i + d_out, 0), n_out - 1), min(max(j + d_in, 0), n_in - 1)
            if (i, j) != c.cursor:
                self.second = (i, j)
                break
        c.changed(stage=True)

    def draw_path(self) -> None:
        """Keep the weights of each step and change from now on, for the plane's path (the
        copy that keeps them replays the history so far once)."""
        from .ghost import Ghost

        c = self.controller
        if self._copy is None and not c.images:
            self._copy = Ghost(c.problem, None, (0, 0), keep=PATH_LENGTH)
        c.changed(stage=True)

    def part(self) -> Experimental | None:
        """This frame's part (None for the MNIST pictures, which have no experiment views)."""
        c = self.controller
        if c.images:
            return None
        trainer, state = c.trainer, c.trainer.state
        kept = []
        if self._copy is not None:
            self._copy.follow(trainer)
            first = max(trainer.position - PATH_LENGTH, 0)
            kept = [self._copy.kept.get(unit) for unit in range(first, trainer.position)]
        since_reset = tuple(
            s.weights for s in kept if s is not None and s.trace_start == state.trace_start
        )
        ghost = self.ghost.trace(trainer) if self.ghost is not None else None
        return Experimental(ghost, self.pair(), since_reset, self._raw() is not None)


def partner(cursor: tuple[int, int], shape: tuple[int, int]) -> tuple[int, int]:
    """The plane's second weight by default: the next input of the same output (the next
    output of the same input when there is one input)."""
    i, j = cursor
    n_out, n_in = shape
    return (i, (j + 1) % n_in) if n_in > 1 else ((i + 1) % n_out, j)


def _how(name: str, before: np.ndarray, after: np.ndarray) -> str:
    ((mean, std),) = column_scales(before[:, None])
    return f"{name} {short(before[0])} → {num(after[0])} (mean {num(mean)}, sd {num(std)})"
