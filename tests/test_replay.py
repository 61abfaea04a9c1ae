"""replay.py: run it, and it prints gdtui's book lines byte for byte.

``gdtui run --out`` writes it beside the records it printed; the app's export writes it for the
history so far. Each test runs the script with this Python, in a subprocess, and compares.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gdtui.engine import Kind, Trainer
from gdtui.export import ExportRequest, write_files
from gdtui.output import book_step
from gdtui.replay import replay_source
from gdtui.scenario import load_scenario, resolve


def replayed(script: Path) -> bytes:
    done = subprocess.run(
        [sys.executable, "-I", str(script)], capture_output=True, timeout=120, cwd=script.parent
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def gdtui_run(*args: str) -> bytes:
    command = [sys.executable, "-m", "gdtui", "run", *args, "--format", "book"]
    done = subprocess.run(command, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("multi-input", "--steps", "20"),
        ("multi-output", "--steps", "7"),
        ("freeze", "--steps", "5"),
        ("diverge", "--steps", "400"),  # overflows: inf and nan in the lines, then it stops
        ("season", "--epochs", "30"),
        ("multi-in-out", "--epochs", "0"),
        ("multi-input", "--steps", "6", "--set", "alpha=0.02", "--set", "frozen=[[0, 1]]"),
    ],
)
def test_replay_of_a_run_prints_what_the_run_printed(args: tuple[str, ...], tmp_path: Path) -> None:
    printed = gdtui_run(*args, "--out", str(tmp_path))
    assert printed  # something to compare
    assert replayed(tmp_path / "replay.py") == printed


def test_replay_of_mnist_uses_numpy_and_the_block_solver(tmp_path: Path) -> None:
    steps, epochs = tmp_path / "steps", tmp_path / "epochs"
    assert replayed_from(gdtui_run("mnist", "--steps", "2", "--out", str(steps)), steps)
    assert replayed_from(gdtui_run("mnist", "--epochs", "2", "--out", str(epochs)), epochs)
    assert "import numpy" in (epochs / "replay.py").read_text()


def replayed_from(printed: bytes, folder: Path) -> bool:
    return replayed(folder / "replay.py") == printed


def test_a_plain_replay_imports_nothing_but_the_standard_library(tmp_path: Path) -> None:
    gdtui_run("multi-in-out", "--steps", "3", "--out", str(tmp_path))
    text = (tmp_path / "replay.py").read_text()
    imports = {line.split()[1] for line in text.splitlines() if line.startswith("import ")}
    assert imports == {"math", "sys"}
    blocked = "import sys; sys.modules['numpy'] = None; exec(open('replay.py').read())"
    done = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr.decode()


class Recorder:
    """A trainer whose steps' records are kept, so that what gdtui printed for the history so
    far (undone steps left out) is known."""

    def __init__(self, name: str) -> None:
        self.scenario = load_scenario(resolve(name))
        self.trainer = Trainer(self.scenario.problem)
        self.records: dict[int, object] = {}  # by the position after the step

    def step(self, n: int = 1) -> None:
        for _ in range(n):
            record = self.trainer.step()
            self.records[self.trainer.position] = record
            if record.diverged:
                return

    def expected(self) -> bytes:
        """The book lines of each step on the branch the trainer stands on, in order."""
        history = Trainer(self.scenario.problem)
        text = []
        for kind, count, value in replay_events_of(self.trainer):
            if Kind(kind).learns:
                text += [book_step(history.step()) + "\n" for _ in range(count)]
            else:
                history._replay(kind, count, value)
        return "".join(text).encode()


def replay_events_of(trainer: Trainer) -> list[list]:
    from gdtui.replay import replay_events

    return replay_events(trainer)


def histories() -> list[tuple[str, object]]:
    def changes(r: Recorder) -> None:
        t = r.trainer
        r.step(3)
        t.set_alpha(0.02)
        t.freeze(0, 0)
        r.step(2)
        t.set_weight(0, 1, 0.5)
        t.set_value("inputs", 0, 2, 2.25)
        t.set_value("targets", 0, 0, 0.5)
        r.step(2)
        t.unfreeze_all()
        t.reset()
        r.step(3)

    def undone(r: Recorder) -> None:
        t = r.trainer
        r.step(5)
        t.set_alpha(0.05)
        r.step(4)
        for _ in range(6):
            t.undo()  # back into the first steps: the rest is a branch left behind
        t.freeze_output(1)
        r.step(3)
        t.undo()  # the last step stays undone: redo could take it, the replay does not

    def normalised(r: Recorder) -> None:
        t = r.trainer
        t.set_alpha(0.1)
        t.normalise()
        r.step(25)
        raw = r.scenario.problem.inputs.tolist()
        t.normalise(raw)  # b again: back to the inputs as they were
        t.set_alpha(0.01)
        r.step(4)

    def diverged(r: Recorder) -> None:
        r.step(500)
        r.trainer.reset()
        r.trainer.set_alpha(0.01)
        r.step(2)

    return [
        ("season", changes),
        ("multi-in-out", undone),
        ("multi-input", normalised),
        ("diverge", diverged),
    ]


@pytest.mark.parametrize(("name", "play"), histories(), ids=[n for n, _ in histories()])
def test_replay_of_an_app_history_prints_its_steps(name: str, play, tmp_path: Path) -> None:
    r = Recorder(name)
    play(r)
    written = write_files(
        ExportRequest(("replay.py",), tmp_path), r.scenario, r.trainer, lambda: ""
    )
    assert written == [tmp_path / "replay.py"]
    assert replayed(tmp_path / "replay.py") == r.expected()


def test_the_expected_lines_are_the_records_gdtui_made() -> None:
    """The reference above agrees with the records the trainer made the first time."""
    r = Recorder("multi-in-out")
    r.step(4)
    r.trainer.set_alpha(0.03)
    r.step(2)
    first = "".join(book_step(rec) + "\n" for _, rec in sorted(r.records.items()))  # type: ignore[arg-type]
    assert r.expected() == first.encode()


def test_a_replay_that_differs_would_be_seen(tmp_path: Path) -> None:
    """The comparison can fail: one alpha changed in the script changes its lines."""
    r = Recorder("multi-input")
    r.step(3)
    script = tmp_path / "replay.py"
    script.write_text(replay_source(r.trainer, "x").replace("ALPHA = 0.01", "ALPHA = 0.011"))
    assert replayed(script) != r.expected()


def test_names_from_the_scenario_cannot_break_out_of_the_script(tmp_path: Path) -> None:
    """A scenario's name and its column names are the user's text: in replay.py they are
    string literals, so no name can end a docstring or a comment and become code."""
    scenario = tmp_path / "odd.yaml"
    scenario.write_text(
        'name: "x\\"\\"\\"\\nimport os; os._exit(3)  # \\u2028"\n'
        "data:\n"
        '  inputs: {"a\\nraise SystemExit(4)": [1.0, 2.0]}\n'
        "  targets: {y: [0.5, 1.0]}\n"
        "weights: [0.1]\nalpha: 0.1\n"
    )
    printed = gdtui_run(str(scenario), "--steps", "2", "--out", str(tmp_path / "out"))
    assert replayed(tmp_path / "out" / "replay.py") == printed
