"""A network learning one example at a time: step, run, freeze, undo."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .block import block_epoch
from .history import Event, State, Timeline
from .maths import BOOK_ORDER_MAX_INPUTS, Curve, Update, compute_update, error_curve, predict
from .problem import Problem
from .records import EpochRecord, StepRecord

MAX_REPLAY = 10_000_000  # a saved history longer than this is taken for a corrupt one
CHANGES = ("alpha", "freeze", "freeze_output", "unfreeze_all", "reset", "weight", "data")


class DivergedError(RuntimeError):
    """Raised by ``step`` once the network has diverged: undo or reset first."""


class Trainer:
    """Owns the live state of one network and its timeline.

    Every view reads from here: ``peek()`` is the record of the coming step, ``step()`` applies it.
    Changes (alpha, freezing, reset) go through methods, so they enter the timeline and undo/redo
    replays them exactly.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.state = State(
            weights=problem.weights.astype(np.float64, copy=True),
            alpha=float(problem.alpha),
            frozen=problem.frozen.astype(bool, copy=True),
            inputs=problem.inputs,
            targets=problem.targets,
        )
        self.timeline = Timeline(self.state, problem.n_out)

    # -- where we are ---------------------------------------------------------------------
    @property
    def weights(self) -> np.ndarray:
        return self.state.weights

    @property
    def steps(self) -> int:
        return self.state.step

    @property
    def epoch_length(self) -> int:
        return len(self.problem.examples)

    @property
    def epochs_done(self) -> int:
        return self.state.step // self.epoch_length

    @property
    def example(self) -> int:
        """The data row the next step learns from."""
        return int(self.problem.examples[self.state.step % self.epoch_length])

    @property
    def can_undo(self) -> bool:
        return self.timeline.pos > 0

    @property
    def can_redo(self) -> bool:
        return self.timeline.pos < self.timeline.total

    # -- learning ---------------------------------------------------------------------------
    def _update(self, state: State) -> tuple[int, Update]:
        row = int(self.problem.examples[state.step % self.epoch_length])
        x, true = state.inputs[row], state.targets[row]
        return row, compute_update(state.weights, state.frozen, state.alpha, x, true)

    def _record(self, state: State, row: int, update: Update, step: int) -> StepRecord:
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
        )

    def peek(self) -> StepRecord:
        """The record the next step would make, without making it."""
        row, update = self._update(self.state)
        return self._record(self.state, row, update, self.state.step + 1)

    def step(self) -> StepRecord:
        """Learn from the next example. A step that overflows is recorded as diverged and its
        update is not applied; after it, ``step`` raises DivergedError until undo or reset."""
        if self.state.diverged:
            raise DivergedError(f"diverged at step {self.state.step}")
        self.timeline.truncate()
        row, update = self._update(self.state)
        record = self._record(self.state, row, update, self.state.step + 1)
        correct = bool(np.argmax(update.pred) == np.argmax(self.state.targets[row]))
        self.timeline.add_rows(update.error[None], np.array([correct]))
        self._advance(self.state, update)
        self.timeline.append(Event("steps"), self.state)
        return record

    @staticmethod
    def _advance(state: State, update: Update) -> None:
        state.step += 1
        if update.finite:
            state.weights = update.weights_after
        else:
            state.diverged = True

    def run(self, steps: int) -> Iterator[StepRecord]:
        """Up to ``steps`` steps, stopping after a diverged one."""
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
            for _ in self.run(remaining):
                pass
        return self.epoch_record()

    def _block_ready(self) -> bool:
        """The solver handles outputs that are wholly free or wholly frozen, not a mix."""
        frozen = self.state.frozen
        mixed = frozen.any(axis=1) & ~frozen.all(axis=1)
        return not self.state.diverged and not mixed.any()

    def _block(self, count: int) -> bool:
        """Learn ``count`` examples as one block event; False (and nothing done) on overflow, so
        the caller can step through them one at a time and find the step that diverges."""
        self.timeline.truncate()
        state = self.state.copy()
        deltas = self._apply_block(state, count)
        if deltas is None:
            return False
        rows = self.problem.examples[self.state.step % self.epoch_length :][:count]
        targets = self.state.targets[rows]
        correct = (deltas + targets).argmax(axis=1) == targets.argmax(axis=1)
        self.timeline.add_rows(deltas * deltas, correct)
        self.state = state
        self.timeline.append(Event("block", count=count), state)
        return True

    def _apply_block(self, state: State, count: int) -> np.ndarray | None:
        start = state.step % self.epoch_length
        rows = self.problem.examples[start : start + count]
        free = np.asarray(~state.frozen.all(axis=1), dtype=bool)
        weights, deltas = block_epoch(
            state.weights, free, state.alpha, state.inputs, state.targets, rows
        )
        if not (np.isfinite(deltas).all() and np.isfinite(weights).all()):
            return None
        with np.errstate(all="ignore"):
            if not np.isfinite(deltas * deltas).all():
                return None
        state.weights = weights
        state.step += count
        return deltas

    def epoch_record(self) -> EpochRecord:
        """The latest finished epoch, or the diverged one in progress."""
        n = self.epoch_length
        epoch = self.epochs_done if not self.state.diverged else (self.state.step - 1) // n + 1
        if epoch == 0:
            return self.evaluate()
        start = self.state.trace_start + (epoch - 1) * n
        end = min(start + n, self.state.trace_start + self.state.step)
        errors = self.timeline.errors[start:end]
        with np.errstate(all="ignore"):
            mean_error = float(errors.sum(axis=1).mean())
        train, test = None, None
        if self.problem.classify:
            train = float(self.timeline.correct[start:end].mean())
            test = self.test_accuracy()
        return EpochRecord(
            epoch, self.state.step, self.state.alpha, mean_error, train, test, self.state.diverged
        )

    def evaluate(self) -> EpochRecord:
        """Epoch 0: the current weights measured on the epoch's examples, without learning."""
        rows = self.problem.examples
        with np.errstate(all="ignore"):
            preds = self._predict_rows(self.state.inputs[rows])
            mean_error = float(((preds - self.state.targets[rows]) ** 2).sum(axis=1).mean())
        train, test = None, None
        if self.problem.classify:
            train = _accuracy(preds, self.state.targets[rows])
            test = self.test_accuracy()
        return EpochRecord(0, self.state.step, self.state.alpha, mean_error, train, test)

    def _predict_rows(self, inputs: np.ndarray) -> np.ndarray:
        return inputs @ self.state.weights.T

    def test_accuracy(self) -> float | None:
        if self.problem.test_inputs is None or self.problem.test_targets is None:
            return None
        with np.errstate(all="ignore"):
            preds = self._predict_rows(self.problem.test_inputs)
        return _accuracy(preds, self.problem.test_targets)

    def error_trace(self) -> np.ndarray:
        """Each step's error per output since the last reset, measured before its update."""
        start = self.state.trace_start
        return self.timeline.errors[start : start + self.state.step]

    def epoch_history(self) -> tuple[np.ndarray, np.ndarray]:
        """Each finished epoch since the last reset: its mean summed error and the share of its
        examples predicted right (both measured before each example's update)."""
        n, start = self.epoch_length, self.state.trace_start
        done = self.state.step // n
        errors = self.timeline.errors[start : start + done * n]
        correct = self.timeline.correct[start : start + done * n]
        with np.errstate(all="ignore"):
            means = errors.sum(axis=1).reshape(done, n).mean(axis=1)
        return means, correct.reshape(done, n).mean(axis=1)

    def predict(self, x: np.ndarray) -> np.ndarray:
        return predict(self.state.weights, x)

    def curve(self, i: int, j: int) -> Curve:
        """Output i's error on the coming example against weight (i, j), the rest held fixed."""
        row = self.example
        x, true = self.state.inputs[row], self.state.targets[row]
        return error_curve(self.state.weights, x, true, i, j)

    # -- changes ----------------------------------------------------------------------------
    def _change(self, event: Event) -> None:
        self.timeline.truncate()
        self._apply_change(self.state, event)
        self.timeline.append(event, self.state)

    def _apply_change(self, state: State, event: Event) -> None:
        if event.kind == "alpha":
            state.alpha = float(event.value)
        elif event.kind == "freeze":
            i, j, on = event.value
            state.frozen[i, j] = on
        elif event.kind == "freeze_output":
            i, on = event.value
            state.frozen[i, :] = on
        elif event.kind == "unfreeze_all":
            state.frozen[:] = False
        elif event.kind == "weight":
            i, j, value = event.value
            state.weights = state.weights.copy()
            state.weights[i, j] = value
        elif event.kind == "data":
            side, row, col, value = event.value
            edited = getattr(state, side).copy()
            edited[row, col] = value
            setattr(state, side, edited)
        elif event.kind == "reset":
            state.weights = self.problem.weights.astype(np.float64, copy=True)
            state.trace_start += state.step
            state.step = 0
            state.diverged = False
        else:  # pragma: no cover - a programming error, not a user's
            raise ValueError(f"unknown change {event.kind!r}")

    def set_alpha(self, alpha: float) -> None:
        if not (alpha > 0 and np.isfinite(alpha)):
            raise ValueError(f"alpha must be a finite number greater than 0, not {alpha}")
        self._change(Event("alpha", value=float(alpha)))

    def freeze(self, i: int, j: int, on: bool = True) -> None:
        self._change(Event("freeze", value=(int(i), int(j), bool(on))))

    def toggle_freeze(self, i: int, j: int) -> bool:
        """Flip weight (i, j) between frozen and free; returns whether it is now frozen."""
        on = not bool(self.state.frozen[i, j])
        self.freeze(i, j, on)
        return on

    def freeze_output(self, i: int, on: bool = True) -> None:
        """Freeze (or free) every weight into output i: a whole MNIST digit at once."""
        self._change(Event("freeze_output", value=(int(i), bool(on))))

    def toggle_freeze_output(self, i: int) -> bool:
        """Freeze output i's weights unless all are frozen already, then free them all."""
        on = not bool(self.state.frozen[i].all())
        self.freeze_output(i, on)
        return on

    def unfreeze_all(self) -> None:
        self._change(Event("unfreeze_all"))

    def set_weight(self, i: int, j: int, value: float) -> None:
        """Type a new value for weight (i, j): a change in the history like any other."""
        self._change(Event("weight", value=(int(i), int(j), _finite(value))))

    def set_value(self, side: str, row: int, col: int, value: float) -> None:
        """Edit the data: ``side`` is "inputs" or "targets"; row and column as in the arrays."""
        if side not in ("inputs", "targets"):
            raise ValueError(f"side must be 'inputs' or 'targets', not {side!r}")
        self._change(Event("data", value=(side, int(row), int(col), _finite(value))))

    def reset(self) -> None:
        """Back to the starting weights and step 0, keeping alpha and the frozen set."""
        self._change(Event("reset"))

    # -- saving and restoring the whole history ----------------------------------------------
    def history(self) -> dict[str, object]:
        """Everything needed to rebuild this trainer on the same problem, as plain data."""
        events = [[e.kind, e.count, list(e.value) if isinstance(e.value, tuple) else e.value]
                  for e in self.timeline.events]  # fmt: skip
        return {"events": events, "position": self.timeline.pos}

    @classmethod
    def restore(cls, problem: Problem, history: dict) -> Trainer:
        """A trainer on ``problem`` with ``history`` replayed, at its saved position.

        Replay runs the same arithmetic as the first time, so the weights are bit-identical.
        Raises ValueError for a history that does not fit the problem.
        """
        trainer = cls(problem)
        try:
            events = history["events"]
            units = sum(int(count) for _, count, _ in events)
            if units > MAX_REPLAY or any(int(count) < 1 for _, count, _ in events):
                raise ValueError(f"{units:,} steps and changes, more than {MAX_REPLAY:,}")
            for kind, count, value in events:
                trainer._replay(str(kind), int(count), value)
            trainer.goto(int(history["position"]))
        except (KeyError, TypeError, ValueError, IndexError, DivergedError) as error:
            raise ValueError(f"the saved history does not fit this scenario ({error})") from None
        return trainer

    def _replay(self, kind: str, count: int, value: object) -> None:
        if kind == "steps":
            for _ in range(count):
                self.step()
        elif kind == "block":
            if not self._block(count):
                raise ValueError("a saved block of steps diverged on replay")
        elif kind in CHANGES:
            item = tuple(value) if isinstance(value, list) else value
            if kind in ("freeze", "freeze_output", "weight", "data"):
                self._check_indices(kind, item)
            self._change(Event(kind, value=item))
        else:
            raise ValueError(f"unknown event {kind!r}")

    def _check_indices(self, kind: str, item: object) -> None:
        """Indices from a file must name an existing weight or value: no negative ones, which
        NumPy would quietly count from the end."""
        if not isinstance(item, tuple):
            raise ValueError(f"{kind} needs a list, not {item!r}")
        if kind == "data":
            side, index = item[0], item[1:3]
            if side not in ("inputs", "targets"):
                raise ValueError(f"no data side {side!r}")
            shape = getattr(self.state, str(side)).shape
        else:
            index = item[:1] if kind == "freeze_output" else item[:2]
            shape = self.state.frozen.shape
        for k, size in zip(index, shape, strict=False):
            if not 0 <= int(k) < size:
                raise ValueError(f"{kind} index {k} is out of range 0..{size - 1}")

    # -- undo and redo ----------------------------------------------------------------------
    def undo(self) -> bool:
        """Take back the last unit (a step or a change). False when there is none."""
        if not self.can_undo:
            return False
        self.goto(self.timeline.pos - 1)
        return True

    def redo(self) -> bool:
        if not self.can_redo:
            return False
        self.goto(self.timeline.pos + 1)
        return True

    def goto(self, target: int) -> None:
        """Rebuild the state after ``target`` units, replaying from the nearest stored copy."""
        timeline = self.timeline
        if not 0 <= target <= timeline.total:
            raise IndexError(f"no position {target} in a timeline of {timeline.total}")
        if target >= timeline.pos and not timeline.inside_block(timeline.pos, target):
            state, unit = self.state, timeline.pos
        else:
            unit, stored = timeline.nearest_copy(target)
            state = stored.copy()
        while unit < target:
            k, offset = timeline.locate(unit + 1)
            event = timeline.events[k]
            if event.kind == "block" and offset == 1 and timeline.ends[k] <= target:
                # Solved whole the first time, so solved whole again: the same bits.
                self._apply_block(state, event.count)
                unit = timeline.ends[k]
            elif event.learns:
                # A step, or part of a block walked one step at a time (undo inside it).
                _, update = self._update(state)
                self._advance(state, update)
                unit += 1
            else:
                self._apply_change(state, event)
                unit += 1
            timeline.remember(unit, state, target)
        self.state = state
        timeline.pos = target


def _finite(value: float) -> float:
    v = float(value)
    if not np.isfinite(v):
        raise ValueError(f"expected a finite number, not {value}")
    return v


def _accuracy(preds: np.ndarray, targets: np.ndarray) -> float:
    return float((preds.argmax(axis=1) == targets.argmax(axis=1)).mean())
