"""The app's rules, without Textual: a Controller owns one open scenario and makes Frames.

Every key the learner presses becomes one call here (``step``, ``freeze``, ``set_alpha``...);
the screen then asks for ``frame()``, one immutable snapshot of everything it shows, and feeds
it to each widget. What can run now, what alpha does after a divergence, how many steps an
autoplay tick owes, and what counts as unsaved progress are decided here, and tested here,
without a terminal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import EpochRecord, Problem, StepRecord, Trainer, check_alpha, measure
from .experiments import Experiments
from .frame import Frame, is_image
from .paths import same_file
from .renderables.numbers import SHOWN, alpha_text

if TYPE_CHECKING:
    from .export import ExportRequest
    from .scenario import Scenario
    from .session import Session

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)  # autoplay steps a second
DEFAULT_SPEED = 10
BOWLS = 6  # up to this many inputs the frame holds every weight's curve of the selected output
FRAME_TIME = 1 / 30  # autoplay redraws at most this often (MNIST's ten pictures included)
TICK_BUDGET = 0.02  # seconds of stepping a tick may spend before it redraws anyway

# Actions whose availability depends on the training; every other action can always run.
_LEARNING = ("step", "stage", "epoch", "play", "faster", "slower")
RULED = (*_LEARNING, "undo", "redo", "reset", "unfreeze_all")


class Controller:
    """One open scenario: its trainer, the selection, autoplay and the saved marker."""

    def __init__(
        self, scenario: Scenario, trainer: Trainer | None = None, *, speed: int = DEFAULT_SPEED
    ) -> None:
        self.scenario = scenario
        self.trainer = trainer if trainer is not None else Trainer(scenario.problem)
        self.cursor: tuple[int, int] = (0, 0)
        self.digit = 0
        self.playing = False
        self.speed_index = SPEEDS.index(speed) if speed in SPEEDS else SPEEDS.index(DEFAULT_SPEED)
        self.last: StepRecord | None = None
        self.stage: str | None = None  # see ``advance_stage``
        self.last_epoch: EpochRecord | None = None
        # The history as last saved (or as opened): anything else is unsaved progress, which
        # quitting autosaves. None: nothing of it is saved (a resumed autosave).
        self.saved_history: dict[str, object] | None = self.trainer.history()
        # The file this session was opened from or last saved to: what ctrl+s offers.
        self.session_file: Path | None = None
        self.notes: list[str] = []  # what the screen should tell the user, oldest first
        self._owed = 0.0  # steps autoplay owes: fractions carry over between ticks
        self._version = 0
        self._frame: Frame | None = None
        self.experiments = Experiments(self)  # normalising, the ghost run, the error plane

    @classmethod
    def from_session(cls, session: Session, autosave: Path) -> tuple[Controller, list[str]]:
        """A controller where ``session`` was saved, and what to tell the user about it."""
        controller = cls(session.scenario, session.trainer)
        controller.apply_view(session.view)
        if same_file(session.path, autosave):
            # Resumed: the autosave has done its job. Its progress is in no other file, so it
            # stays unsaved, and quitting without saving autosaves it again.
            controller.saved_history = None
            Path(session.path).unlink(missing_ok=True)
        else:
            controller.session_file = Path(session.path)
        steps = session.trainer.steps
        return controller, [f"resumed {session.scenario.name} at step {steps}", *session.warnings]

    # -- what the screen shows ----------------------------------------------------------------
    @property
    def problem(self) -> Problem:
        return self.trainer.problem

    @property
    def images(self) -> bool:
        return is_image(self.problem)

    @property
    def speed(self) -> int:
        return SPEEDS[self.speed_index]

    @property
    def diverged(self) -> bool:
        return self.trainer.state.diverged

    def changed(self, stage: bool = False) -> None:
        """Something the frame shows changed: the next ``frame()`` is a new one. Anything but
        a stage (``stage``) ends the stages of a step."""
        if not stage:
            self.stage = None
        self._frame = None

    def frame(self) -> Frame:
        """The snapshot of now, built once per change."""
        if self._frame is None:
            self._version += 1
            self._frame = self._build()
        return self._frame

    def _build(self) -> Frame:
        trainer, state = self.trainer, self.trainer.state
        means, accuracy = measure.epoch_history(self.problem, trainer.trace)
        i, j = self.cursor
        few = 1 < self.problem.n_in <= BOWLS and not self.images
        curves = tuple(trainer.curve(i, k) for k in range(self.problem.n_in)) if few else ()
        return Frame(
            version=self._version,
            name=self.scenario.name,
            problem=self.problem,
            coming=trainer.peek(),
            last=self.last,
            weights=state.weights,
            frozen=state.frozen,
            inputs=state.inputs,
            targets=state.targets,
            alpha=state.alpha,
            step=state.step,
            epoch_length=trainer.epoch_length,
            example=trainer.example,
            diverged=state.diverged,
            playing=self.playing,
            speed=self.speed,
            cursor=self.cursor,
            digit=self.digit,
            stage=self.stage,
            curve=curves[j] if curves else trainer.curve(self.digit if self.images else i, j),
            curves=curves,
            errors=trainer.trace.errors,
            epoch_means=means,
            epoch_accuracy=accuracy,
            last_epoch=self.last_epoch,
            test_accuracy=measure.test_accuracy(self.problem, state.weights),
            stability=measure.stability(self.problem, state),
            enabled=frozenset(a for a in RULED if self._can(a)),
            experiments=self.experiments.part(),
            history=self.history_rows,
        )

    def history_rows(self, start: int, stop: int) -> list[StepRecord]:
        """The records of steps ``start + 1`` to ``stop`` since the last reset (the history
        table's rows), rebuilt from the timeline: after undo, redo and reset too."""
        from .engine.ledger import step_records  # (the history view's: not before it shows)

        return step_records(self.trainer, start, stop)

    # -- what can run now ---------------------------------------------------------------------
    def can(self, action: str) -> bool:
        """Whether ``action`` (a key's action name) can run now."""
        return action not in RULED or self._can(action)

    def _can(self, action: str) -> bool:
        trainer, diverged = self.trainer, self.diverged
        return {
            "step": not diverged,
            "stage": not diverged,
            "epoch": not diverged,
            "play": self.playing or not diverged,
            "faster": self.speed_index < len(SPEEDS) - 1,
            "slower": self.speed_index > 0,
            "undo": trainer.can_undo,
            "redo": trainer.can_redo,
            "reset": trainer.steps > 0 or diverged,
            "unfreeze_all": bool(trainer.state.frozen.any()),
        }[action]

    # -- learning -----------------------------------------------------------------------------
    def step(self) -> bool:
        """One step; False (nothing done) once diverged."""
        if self.diverged:
            return False
        self.last = self.trainer.step()
        self._after_learning()
        return True

    def advance_stage(self) -> bool:
        """One stage of a step, as the chapter takes it: PREDICT (the coming step's weighted
        sum), COMPARE (its error and delta), then LEARN, which takes the step and shows its
        updates; the next stage after LEARN is the next step's PREDICT. False once diverged."""
        if self.diverged:
            return False
        if self.stage == "compare":
            self.last = self.trainer.step()
            self._after_learning()
            self.stage = "learn" if not self.diverged else None
        else:
            self.stage = "compare" if self.stage == "predict" else "predict"
            self.changed(stage=True)
        return True

    def epoch(self) -> bool:
        """Finish the current epoch; False (nothing done) once diverged."""
        if self.diverged:
            return False
        self.last_epoch = self.trainer.run_epoch()
        self.last = None
        self._after_learning()
        return True

    def _after_learning(self) -> None:
        if self.diverged:
            self.playing = False
        self.changed()  # (which ends a stage: see ``changed``)

    # -- autoplay -----------------------------------------------------------------------------
    def toggle_play(self) -> None:
        if self.playing:
            self.playing = False
        elif not self.diverged:
            self.playing = True
            self._owed = 0.0
        self.changed()

    def stop(self) -> None:
        if self.playing:
            self.playing = False
            self.changed(stage=True)

    @property
    def tick_interval(self) -> float:
        """Seconds between autoplay ticks: a step each, or a frame's worth when faster."""
        return max(1 / self.speed, FRAME_TIME)

    def tick(self, interval: float, clock: Any = time.perf_counter) -> int:
        """One autoplay tick of ``interval`` seconds: the steps the speed owes since the last,
        within ``TICK_BUDGET`` of ``clock``; how many were taken."""
        if not self.playing:
            return 0
        self._owed += self.speed * interval
        due = int(self._owed)
        self._owed -= due
        deadline = clock() + TICK_BUDGET
        taken = 0
        for _ in range(due):
            self.last = self.trainer.step()
            taken += 1
            if self.last.diverged:
                self.playing = False
                break
            if clock() > deadline:
                self._owed = 0.0  # too slow to keep up: drop the rest rather than pile up
                break
        if self.playing and self.settled():
            self.playing = False
            self.notes.append(
                "autoplay paused: the error is 0 to the digits shown (every delta of the last"
                " pass under 0.00005), so there is nothing left to watch"
            )
        self.changed()
        return taken

    def settled(self) -> bool:
        """Whether learning has nothing left to show: a whole pass over the examples whose
        deltas all print as 0.0000."""
        errors = self.trainer.trace.errors[-self.trainer.epoch_length :]
        return len(errors) == self.trainer.epoch_length and bool((errors < SHOWN**2).all())

    def change_speed(self, by: int) -> None:
        self.speed_index = min(max(self.speed_index + by, 0), len(SPEEDS) - 1)
        self.changed(stage=True)

    # -- changes ------------------------------------------------------------------------------
    def undo(self) -> bool:
        return self._travel(self.trainer.undo)

    def redo(self) -> bool:
        return self._travel(self.trainer.redo)

    def _travel(self, move: Callable[[], bool]) -> bool:
        """Undo or redo: autoplay stops; False when there was nothing to move to."""
        self.playing, self.last = False, None
        done = move()
        self.changed()
        return done

    def reset(self) -> None:
        self.trainer.reset()
        self.last, self.last_epoch = None, None
        self.changed()

    def move_cursor(self, d_out: int, d_in: int, per_row: int = 5) -> None:
        """Arrows: over the weights, or over the digits (MNIST: up and down jump a row of
        ``per_row`` pictures)."""
        if self.images:
            self.digit = (self.digit + d_in + d_out * per_row) % self.problem.n_out
        else:
            i = min(max(self.cursor[0] + d_out, 0), self.problem.n_out - 1)
            j = min(max(self.cursor[1] + d_in, 0), self.problem.n_in - 1)
            self.cursor = (i, j)
        self.changed(stage=True)

    def select(self, output: int, input: int) -> None:
        self.cursor = (output, input)
        self.changed(stage=True)

    def select_digit(self, digit: int) -> None:
        self.digit = digit
        self.changed(stage=True)

    def toggle_freeze(self, at: tuple[int, int] | None = None) -> None:
        """Freeze or free the weight ``at`` (default: the cursor's), or the selected digit's."""
        frozen = self.trainer.state.frozen
        if at is None and self.images:
            self.trainer.freeze_output(self.digit, not frozen[self.digit].all())
        else:
            i, j = at or self.cursor
            self.trainer.freeze(i, j, not frozen[i, j])
        self.changed()

    def unfreeze_all(self) -> None:
        self.trainer.unfreeze_all()
        self.changed()

    def set_alpha(self, alpha: float) -> str:
        """A new alpha, and what to tell the user. After a divergence the diverged step is
        taken back first, so that the new alpha can be tried from the last good weights.
        ValueError for an alpha that is not a finite number above 0."""
        alpha = check_alpha(alpha)  # before taking anything back
        took_back = self.diverged and self.trainer.undo()
        self.trainer.set_alpha(alpha)
        self.changed()
        note = "took back the diverged step; " if took_back else ""
        return f"{note}alpha is now {alpha_text(self.trainer.state.alpha)}"

    def edit(self, side: str, row: int, col: int, value: float) -> None:
        """A typed value for a weight (``side`` "weights") or the data ("inputs", "targets").
        ValueError or IndexError when it cannot be."""
        if side == "weights":
            self.trainer.set_weight(row, col, value)
        else:
            self.trainer.set_value(side, row, col, value)
        self.changed()

    # -- sessions -----------------------------------------------------------------------------
    @property
    def unsaved(self) -> bool:
        """Progress that no file holds: steps or changes since the last save (or opening)."""
        return self.trainer.history() != self.saved_history

    def view_state(self, shown: dict[str, bool]) -> dict[str, Any]:
        """What a session keeps of the screen, with the panels ``shown``: plain JSON data."""
        return {"cursor": list(self.cursor), "digit": self.digit, "speed": self.speed, **shown}

    def apply_view(self, view: dict[str, Any]) -> None:
        """The saved selection and speed, as far as they fit (the file may say anything)."""
        n_out, n_in = self.problem.n_out, self.problem.n_in
        cursor = view.get("cursor")
        if (
            isinstance(cursor, list)
            and [type(k) for k in cursor] == [int, int]
            and 0 <= cursor[0] < n_out
            and 0 <= cursor[1] < n_in
        ):
            self.cursor = (cursor[0], cursor[1])
        digit = view.get("digit")
        if type(digit) is int and 0 <= digit < n_out:
            self.digit = digit
        if view.get("speed") in SPEEDS:
            self.speed_index = SPEEDS.index(view["speed"])
        self.changed(stage=True)

    def save(self, path: Path, view: dict[str, Any]) -> None:
        """Save the session to ``path``; OSError when it cannot be written."""
        from .session import save_session

        save_session(path, self.scenario, self.trainer, view)
        self.saved_history = self.trainer.history()
        self.session_file = path

    def autosave(self, path: Path, view: dict[str, Any]) -> bool:
        """Save unsaved progress to ``path``; False when there was none. OSError if it cannot."""
        from .session import save_session

        if not self.unsaved:
            return False
        save_session(path, self.scenario, self.trainer, view)
        self.saved_history = self.trainer.history()
        return True

    def default_session_file(self) -> Path:
        from .session import default_session_name

        return self.session_file or default_session_name(self.scenario)

    def export(self, request: ExportRequest, screenshot: Any) -> list[Path]:
        """Write the requested files (``screenshot()`` gives the SVG); OSError if it cannot."""
        from .export import write_files

        return write_files(request, self.scenario, self.trainer, screenshot)
