"""Crafted sessions and autosaves, and writers racing for the same files.

Every bad file is one line ``FILE:LINE:COL: message`` (exit status 2 from ``gdtui --resume``),
never a traceback or a hang; two processes writing at once never lose each other's file.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gdtui import atomic
from gdtui.recent import load_recent
from gdtui.session import (
    MAX_BYTES,
    SessionError,
    autosave_slot,
    autosaves,
    load_session,
    peek_session,
    save_session,
)
from tests.test_session import BAD, changed_trainer

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
ROOT = Path(__file__).parent.parent
FIT = "the saved history does not fit this scenario (event "
TIMEOUT = 120  # seconds: far above any run here, so only a hang reaches it

# file -> (line, column, part of the message); line 7 is the "history" key
HOSTILE = {
    # alpha and values: refused as set_alpha and friends refuse them
    "alpha-zero.json": (7, 2, FIT + "1 ['alpha', 1, 0]: alpha must be a finite number greater"),
    "alpha-negative.json": (7, 2, "alpha must be a finite number greater than 0, not -0.5"),
    "alpha-inf-text.json": (7, 2, "['alpha', 1, 'inf']: expected a number, not 'inf'"),
    "alpha-nan-text.json": (7, 2, "['alpha', 1, 'nan']: expected a number, not 'nan'"),
    "alpha-true.json": (7, 2, "['alpha', 1, True]: expected a number, not True"),
    "alpha-text-number.json": (7, 2, "expected a number, not '0.5'"),
    "weight-text.json": (7, 2, "expected a number, not '1e999'"),
    "data-true.json": (7, 2, "['data', 1, ['inputs', 0, 0, True]]: expected a number, not True"),
    "index-true.json": (7, 2, "freeze index True is not a whole number"),
    # blocks: no longer than the rest of their epoch, and only where the solver runs
    "block-past-epoch.json": (7, 2, "a block of 10 steps, but 3 are left in the epoch"),
    "block-past-epoch-later.json": (7, 2, FIT + "2 ['block', 3, None]: a block of 3 steps, but 2"),
    "block-mixed-frozen.json": (7, 2, "a block of steps where the block solver cannot run"),
    # counts, shapes, position
    "count-float.json": (7, 2, "count 2.5 is not a whole number >= 1"),
    "count-zero.json": (7, 2, "count 0 is not a whole number >= 1"),
    "count-text.json": (7, 2, "count '3' is not a whole number >= 1"),
    "count-true.json": (7, 2, "count True is not a whole number >= 1"),
    "change-counted-twice.json": (7, 2, "['alpha', 3, 0.5]: a change counts 1, not 3"),
    "event-short.json": (7, 2, "event 1 is not [kind, count, value]: ['steps', 1]"),
    "event-object.json": (7, 2, "event 1 is not [kind, count, value]: {'kind': 'steps'}"),
    "events-object.json": (7, 2, "('events' is not a list)"),
    "position-text.json": (7, 2, "position '1' is not a whole number"),
    "position-negative.json": (7, 2, "no position -1 in a timeline of 1"),
    # too long to replay: refused before any replay
    "too-many-steps.json": (7, 2, "replay limit: 10,000,000 steps and changes, more than the"),
    "too-many-units.json": (7, 2, "replay limit: 1,200,001 steps and changes"),
    # nested deeper than any session, before a parser recurses
    "deep-view.json": (9, 45, "not a gdtui session: nested over 32 deep"),
    "deep-document.json": (6, 329, "not a gdtui session: nested over 32 deep"),
    "deep-history.json": (7, 130, "not a gdtui session: nested over 32 deep"),
}
# One of each kind, through the command line.
RESUMED = ["alpha-zero.json", "block-past-epoch.json", "count-float.json"]
RESUMED += ["too-many-steps.json", "deep-view.json", "deep-document.json"]


def ids(names: list[str]) -> list[str]:
    return [name.removesuffix(".json") for name in names]


def test_every_session_fixture_has_an_expectation() -> None:
    names = {p.name for p in FIXTURES.glob("*.json")} - {"good.json", "brackets-in-text.json"}
    assert sorted(names) == sorted(BAD | HOSTILE)


@pytest.mark.parametrize("name", sorted(HOSTILE), ids=ids(sorted(HOSTILE)))
def test_a_crafted_session_is_refused_in_one_line(name: str) -> None:
    line, col, message = HOSTILE[name]
    with pytest.raises(SessionError) as info:
        load_session(FIXTURES / name)
    e = info.value
    assert (e.line, e.col) == (line, col), str(e)
    assert message in e.message and "\n" not in str(e)
    assert str(e).startswith(f"{FIXTURES / name}:{line}:{col}: ")


def test_brackets_inside_text_are_not_nesting() -> None:
    session = load_session(FIXTURES / "brackets-in-text.json")
    assert session.view["note"].startswith("[[[[") and session.trainer.steps == 3


def test_a_block_that_fits_its_epoch_still_loads(tmp_path: Path) -> None:
    good = load_session(FIXTURES / "good.json")  # three examples an epoch, at step 3
    t = good.trainer
    t.unfreeze_all()
    t.step()
    t.run_epoch(fast=True)  # the rest of the epoch: exactly what is left
    t.run_epoch(fast=True)  # a whole one
    assert t.history()["events"][-2:] == [["block", 2, None], ["block", 3, None]]
    save_session(tmp_path / "s.json", good.scenario, t, {})
    loaded = load_session(tmp_path / "s.json").trainer
    assert loaded.state.weights.tobytes() == t.state.weights.tobytes()


def test_a_file_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    # Ten million small steps would be ~150 MB of events: the size bound stops it unparsed.
    path = tmp_path / "big.json"
    good = (FIXTURES / "good.json").read_text()
    path.write_text(good.replace('"view": {', '"view": {"pad": "' + "x" * MAX_BYTES + '", '))
    with pytest.raises(
        SessionError,
        match=rf"big.json:1:1: not a gdtui session: larger than {MAX_BYTES // 2**20} MiB",
    ):
        load_session(path)
    with pytest.raises(SessionError, match="larger than"):
        peek_session(path)  # what the picker calls on the UI thread


@pytest.mark.parametrize("name", RESUMED, ids=ids(RESUMED))
def test_resume_refuses_a_crafted_file_with_status_2_and_one_line(name: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gdtui", "--resume", str(FIXTURES / name)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 2 and out.stdout == ""
    assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1
    line, col, message = HOSTILE[name]
    assert out.stderr.startswith(f"{FIXTURES / name}:{line}:{col}: ") and message in out.stderr


# -- file modes -------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", [0o4755, 0o2755, 0o666, 0o777], ids=oct)
def test_a_symlinked_target_does_not_lend_its_mode(tmp_path: Path, mode: int) -> None:
    victim = tmp_path / "victim"
    victim.write_text("theirs")
    victim.chmod(mode)
    link = tmp_path / "weights.csv"
    link.symlink_to(victim)
    atomic.write_text(link, "ours")
    assert not link.is_symlink() and link.read_text() == "ours"
    assert stat.S_IMODE(link.stat().st_mode) == 0o666 & ~atomic.UMASK
    assert victim.read_text() == "theirs" and stat.S_IMODE(victim.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_permissions_but_no_set_id_bits(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    target.chmod(0o6750)
    atomic.write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o750


# -- concurrent writers -----------------------------------------------------------------------
def run_python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def finish(child: subprocess.Popen[str]) -> str:
    out, err = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, err
    return out


SLOW_WRITER = """
    import sys
    from gdtui.atomic import replacing
    with replacing(sys.argv[1]) as out:
        out.write(b"slow")
        print("open", flush=True)
        sys.stdin.readline()
"""


def test_a_writer_never_removes_a_live_writers_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "history.csv"
    slow = run_python(SLOW_WRITER, str(target))
    assert slow.stdout is not None and slow.stdout.readline() == "open\n"
    atomic.write_text(target, "fast")  # cleans stale temporaries first: not the live one
    assert len(list(target.parent.glob(atomic.temp_pattern(target)))) == 1
    assert slow.stdin is not None
    slow.stdin.write("\n")
    finish(slow)
    assert target.read_text() == "slow" and list(target.parent.iterdir()) == [target]


def test_a_dead_writers_temporary_file_is_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    folder = tmp_path / "out"
    folder.mkdir()
    stale = folder / f".s.json.{dead.stdout.strip()}.abcd1234.tmp"
    stale.write_text("half")
    live = folder / f".s.json.{os.getppid()}.abcd1234.tmp"  # a running process's
    live.write_text("half")
    atomic.write_text(folder / "s.json", "{}")
    assert sorted(p.name for p in folder.iterdir()) == [live.name, "s.json"]


def test_two_runs_into_one_folder_both_write_every_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "gdtui", "run", "multi-input", "--steps", "3000"]
    command += ["--format", "jsonl", "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=TIMEOUT)
        assert run.returncode == 0 and b"Traceback" not in err, err
    names = [
        "history.csv", "history.jsonl", "replay.py", "scenario.yaml", "weights.csv", "weights.npy"
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == names
    assert len((out / "history.csv").read_text().splitlines()) == 3001


SLOT_TAKER = """
    import sys
    from gdtui.scenario import load_scenario, resolve
    from gdtui.engine import Trainer
    from gdtui.session import autosave_slot, save_session
    s = load_scenario(resolve("multi-input"))
    t = Trainer(s.problem)
    list(t.run(int(sys.argv[1])))
    print("ready", flush=True)
    sys.stdin.readline()
    with autosave_slot() as path:
        print(path.name, flush=True)
        save_session(path, s, t, {})
"""


def test_two_apps_quitting_at_once_keep_both_autosaves() -> None:
    takers = [run_python(SLOT_TAKER, str(steps)) for steps in (4, 7)]
    for taker in takers:
        assert taker.stdout is not None and taker.stdout.readline() == "ready\n"
    for taker in takers:  # both at once
        assert taker.stdin is not None
        taker.stdin.write("\n")
        taker.stdin.flush()
    names = {finish(taker).strip() for taker in takers}
    assert names == {"autosave.json", "autosave-2.json"}
    assert sorted(load_session(path).trainer.steps for path in autosaves()) == [4, 7]


def test_a_held_slot_is_not_handed_out_twice() -> None:
    with autosave_slot() as first:
        s, t = changed_trainer()
        save_session(first, s, t, {})
    with autosave_slot() as second:
        assert second != first and second.name == "autosave-2.json"


RECENT_ADDER = """
    import sys
    from pathlib import Path
    from gdtui.recent import add_recent
    sys.stdin.readline()
    for k in range(5):
        add_recent(Path(sys.argv[1] + str(k)), "n", "s")
"""


def test_two_processes_adding_recent_files_keep_each_others(tmp_path: Path) -> None:
    adders = [run_python(RECENT_ADDER, str(tmp_path / side)) for side in "ab"]
    for adder in adders:
        assert adder.stdin is not None
        adder.stdin.write("\n")
        adder.stdin.flush()
    for adder in adders:
        finish(adder)
    found = {entry.path.name for entry in load_recent()}
    assert found == {f"{side}{k}" for side in "ab" for k in range(5)}


def test_a_lock_held_too_long_is_an_oserror_not_a_hang(tmp_path: Path) -> None:
    target = tmp_path / "recent.json"
    with atomic.locked(target), pytest.raises(OSError, match="locked by another gdtui"):  # noqa: SIM117
        with atomic.locked(target, timeout=0.1):
            pass  # pragma: no cover


async def test_the_picker_offers_every_autosave_and_resumes_the_chosen_one() -> None:
    from gdtui.app import create_app
    from gdtui.engine import Trainer
    from gdtui.paths import autosave_path
    from gdtui.scenario import load_scenario, resolve
    from tests.helpers import screen_text, wait_for

    scenario = load_scenario(resolve("multi-input"))
    for slot, steps in ((1, 2), (2, 5)):
        trainer = Trainer(scenario.problem)
        list(trainer.run(steps))
        save_session(autosave_path(slot), scenario, trainer, {})
    os.utime(autosave_path(1), (1, 1))  # the older: the second is offered first
    app = create_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text.count("Resume where you left off") == 2
        assert text.index("step 5") < text.index("step 2")
        await pilot.press("down", "down", "enter")  # the second autosave's "Resume"
        await wait_for(lambda: app.controller is not None)
        await pilot.pause()
        assert app.controller is not None and app.controller.trainer.steps == 2
        assert autosave_path(2).exists() and not autosave_path(1).exists()
        await pilot.press("space", "q")
        await pilot.pause()
    # The resumed one saved again, beside the other: both still there.
    assert sorted(load_session(p).trainer.steps for p in autosaves()) == [3, 5]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom"])
def test_resume_refuses_a_fifo_or_a_device_without_reading_it(tmp_path: Path, special: str) -> None:
    path = tmp_path / "session.json"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path = Path(special)
    done = subprocess.run(
        [sys.executable, "-m", "gdtui", "--resume", str(path)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{path}:1:1: cannot read file: it is a ")
    assert line.endswith(", not a regular file")
