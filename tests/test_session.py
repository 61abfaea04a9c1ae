"""Sessions: saved and reopened at the same step with undo intact; bad files refused in one line;
atomic writes that survive a kill."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from gdtui import atomic, session
from gdtui.engine import Trainer
from gdtui.scenario import load_scenario, load_text, resolve
from gdtui.session import (
    SessionError,
    autosave_path,
    default_session_name,
    load_session,
    peek_session,
    recent_sessions,
    save_session,
    sessions_dir,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sessions"
ROOT = Path(__file__).parent.parent

# file -> (line, column, part of the message)
BAD = {
    "empty.json": (1, 1, "not a gdtui session: invalid JSON (Expecting value)"),
    "foreign-format.json": (1, 1, 'not a gdtui session (expected "format": "gdtui-session"'),
    "history-misfit.json": (7, 2, "does not fit this scenario (event 1 ['freeze', 1, [0, 5, "),
    "history-position.json": (7, 2, "does not fit this scenario (no position 9"),
    "history-unknown-event.json": (7, 2, "does not fit this scenario (unknown event 'explode')"),
    "huge-number.json": (1, 1, "not a gdtui session: 1e999 is too large a number"),
    "latin1.json": (6, 25, "not a gdtui session: byte 0xe9 is not valid UTF-8"),
    "list.json": (1, 1, "not a gdtui session"),
    "nan.json": (1, 1, "not a gdtui session: NaN is not a number JSON allows"),
    "newer-version.json": (
        1,
        1,
        "made by a newer gdtui (version 2); this one reads version 1",
    ),
    "no-format.json": (1, 1, "not a gdtui session"),
    "no-history.json": (1, 1, "the session has no 'history'"),
    "no-view.json": (1, 1, "the session has no 'view'"),
    "not-json.json": (1, 1, "not a gdtui session: invalid JSON"),
    "old-version.json": (1, 1, "session version 0 is too old; this one reads version 1"),
    "scenario-invalid.json": (1, 1, "the saved scenario does not load: alpha is -1"),
    "scenario-no-document.json": (1, 1, "'scenario' has no 'document' mapping"),
    "syntax-error.json": (9, 11, "invalid JSON (Expecting property name"),
    "truncated.json": (6, 153, "invalid JSON (Expecting ',' delimiter)"),
    "version-text.json": (1, 1, "session version '1' is not a whole number"),
    "view-list.json": (1, 1, "'view' is not an object"),
}


def changed_trainer(name: str = "multi-input") -> tuple:
    s = load_scenario(resolve(name))
    t = Trainer(s.problem)
    list(t.run(3))
    t.set_alpha(0.02)
    t.freeze(0, 1)
    list(t.run(2))
    t.set_weight(0, 2, 0.5)
    list(t.run(1))
    t.undo()
    t.undo()  # two units back: the weight edit and the last step can be redone
    return s, t


# -- round trips ------------------------------------------------------------------------------
def test_a_session_reopens_at_the_same_step_with_undo_and_redo(tmp_path: Path) -> None:
    s, t = changed_trainer()
    path = tmp_path / "s.json"
    save_session(path, s, t, {"cursor": [0, 1], "description": True})
    loaded = load_session(path)
    u = loaded.trainer
    assert loaded.path == path and loaded.view == {"cursor": [0, 1], "description": True}
    assert loaded.scenario.path == s.path and loaded.scenario.name == s.name
    assert loaded.scenario.document == s.document and loaded.warnings == ()
    assert (u.steps, u.position, u.total) == (t.steps, 7, 9)
    assert np.array_equal(u.state.weights, t.state.weights) and u.state.alpha == 0.02
    assert u.state.frozen.tolist() == [[False, True, False]]
    for _ in range(2):
        assert t.redo() and u.redo()
        assert np.array_equal(u.state.weights, t.state.weights)
    assert u.state.weights[0, 2] != 0.5 and not u.can_redo
    while t.undo():
        u.undo()
        assert np.array_equal(u.state.weights, t.state.weights) and u.state.alpha == t.state.alpha
    assert u.position == 0 and np.array_equal(u.state.weights, s.problem.weights)


def test_an_mnist_session_replays_bit_for_bit(tmp_path: Path) -> None:
    s = load_scenario(resolve("mnist"))
    t = Trainer(s.problem)
    t.run_epoch()  # one block event, solved whole
    list(t.run(5))
    t.freeze_output(3)
    list(t.run(5))
    t.goto(400)  # inside the block: rebuilt one step at a time
    path = tmp_path / "m.json"
    save_session(path, s, t, {"digit": 3})
    u = load_session(path).trainer
    assert u.position == 400 and u.steps == 400
    assert np.array_equal(u.state.weights, t.state.weights)
    u.goto(u.total)
    t.goto(t.total)
    assert np.array_equal(u.state.weights, t.state.weights) and u.state.frozen[3].all()


def test_the_file_is_versioned_json_a_key_a_line(tmp_path: Path) -> None:
    s, t = changed_trainer()
    path = tmp_path / "s.json"
    save_session(path, s, t, {})
    text = path.read_text(encoding="utf-8")
    obj = json.loads(text)
    assert (obj["format"], obj["version"]) == ("gdtui-session", 1)
    assert list(obj) == [
        "format", "version", "gdtui", "saved", "scenario", "history", "result", "view",
    ]  # fmt: skip
    assert obj["history"] == t.history()
    assert obj["scenario"]["path"] == str(s.path.absolute())
    assert len(text.splitlines()) == len(obj) + 2
    assert peek_session(path).step == t.steps and peek_session(path).name == s.name


def test_the_session_opens_when_its_scenario_file_is_gone(tmp_path: Path) -> None:
    scenario = tmp_path / "gone.yaml"
    scenario.write_text(resolve("multi-input").read_text())
    s = load_scenario(scenario)
    t = Trainer(s.problem)
    list(t.run(2))
    save_session(tmp_path / "s.json", s, t, {})
    scenario.unlink()
    u = load_session(tmp_path / "s.json").trainer
    assert np.array_equal(u.state.weights, t.state.weights)


def test_a_relative_csv_path_still_works_from_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "d.csv").write_text("a,b,y\n1,0,1\n0,1,0\n")
    (folder / "s.yaml").write_text(
        "name: C\ndata: {source: csv, path: d.csv, inputs: [a, b], targets: [y]}\n"
        "weights: [0, 0]\nalpha: 0.5\n"
    )
    monkeypatch.chdir(folder)
    s = load_scenario("s.yaml")
    t = Trainer(s.problem)
    list(t.run(3))
    save_session(tmp_path / "elsewhere" / "s.json", s, t, {})
    stored = json.loads((tmp_path / "elsewhere" / "s.json").read_text())
    assert stored["scenario"]["document"]["data"]["path"] == str(folder / "d.csv")
    monkeypatch.chdir(tmp_path)
    assert np.array_equal(
        load_session(tmp_path / "elsewhere" / "s.json").trainer.state.weights, t.state.weights
    )
    # The data changed since: the session opens, and says that its weights differ.
    (folder / "d.csv").write_text("a,b,y\n1,0,1\n0,1,1\n")
    assert "replayed weights differ" in load_session(tmp_path / "elsewhere" / "s.json").warnings[0]


# -- bad files --------------------------------------------------------------------------------
def test_every_bad_fixture_is_there() -> None:
    # The crafted ones, and the check that every fixture has an expectation: test_hostile_sessions
    assert set(BAD) <= {p.name for p in FIXTURES.glob("*.json")}


def test_the_good_fixture_opens() -> None:
    loaded = load_session(FIXTURES / "good.json")
    assert loaded.trainer.steps == 3 and loaded.trainer.state.frozen.tolist() == [[False, True]]
    assert loaded.view == {"cursor": [0, 1]} and loaded.saved == "2025-01-01T00:00:00Z"


def test_the_good_fixtures_history_saves_again_as_it_was_written(tmp_path: Path) -> None:
    loaded = load_session(FIXTURES / "good.json")
    save_session(tmp_path / "again.json", loaded.scenario, loaded.trainer, loaded.view)
    line = '"history": {"events":[["steps",2,null],["freeze",1,[0,1,true]],["steps",1,null]],'
    for path in (FIXTURES / "good.json", tmp_path / "again.json"):
        assert line in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(BAD), ids=[n.removesuffix(".json") for n in sorted(BAD)])
def test_a_bad_session_is_refused_in_one_line(name: str) -> None:
    line, col, message = BAD[name]
    path = FIXTURES / name
    with pytest.raises(SessionError) as info:
        load_session(path)
    e = info.value
    assert (e.line, e.col) == (line, col), str(e)
    assert message in e.message
    assert str(e) == f"{path}:{line}:{col}: {e.message}" and "\n" not in str(e)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match=r"nope\.json:1:1: cannot read file: No such file"):
        load_session(tmp_path / "nope.json")


def test_any_truncation_of_a_session_is_refused_cleanly(tmp_path: Path) -> None:
    s, t = changed_trainer()
    save_session(tmp_path / "s.json", s, t, {"cursor": [0, 0]})
    data = (tmp_path / "s.json").read_bytes()
    for cut in range(0, len(data) - 2, 7):
        (tmp_path / "cut.json").write_bytes(data[:cut])
        with pytest.raises(SessionError):
            load_session(tmp_path / "cut.json")


# -- where sessions live ----------------------------------------------------------------------
def test_folders_follow_gdtui_home(gdtui_home: Path) -> None:
    assert sessions_dir() == gdtui_home / "sessions"
    assert autosave_path() == gdtui_home / "state" / "autosave.json"


def test_folders_without_gdtui_home(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("GDTUI_HOME")
    assert sessions_dir() == platformdirs.user_data_path("gdtui") / "sessions"
    assert autosave_path() == platformdirs.user_state_path("gdtui") / "autosave.json"


def test_default_names_count_up_and_recent_sessions_are_newest_first() -> None:
    s, t = changed_trainer()
    first = default_session_name(s)
    assert first == sessions_dir() / "multi-input-1.json"
    save_session(first, s, t, {})
    second = default_session_name(s)
    assert second.name == "multi-input-2.json"
    save_session(second, s, t, {})
    save_session(autosave_path(), s, t, {})
    for age, path in enumerate((autosave_path(), first, second)):
        os.utime(path, (1e9 - age * 100, 1e9 - age * 100))
    assert recent_sessions() == [autosave_path(), first, second]
    assert recent_sessions(limit=1) == [autosave_path()]
    unnamed = load_text("name: Hello, World!\n" + TEXT_BODY)
    assert default_session_name(unnamed).name == "hello-world-1.json"


TEXT_BODY = "data: {inputs: {a: [1]}, targets: {x: [1]}}\nweights: [0.5]\nalpha: 0.1\n"


def test_no_sessions_at_all() -> None:
    assert recent_sessions() == []


# -- atomic writes ----------------------------------------------------------------------------
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "f.txt"
    atomic.write_text(target, "old")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        atomic.write_text(target, "new")
    assert target.read_text() == "old" and list(target.parent.iterdir()) == [target]


def test_an_exception_while_writing_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "f.bin"
    with pytest.raises(KeyboardInterrupt), atomic.replacing(target) as out:
        out.write(b"half")
        raise KeyboardInterrupt
    assert list(target.parent.iterdir()) == []


def test_stale_temporary_files_go_at_the_next_write(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "s[1].json"  # glob characters in the name are taken literally
    (folder / ".s[1].json.abc123.tmp").write_text("half")
    (folder / ".other.json.abc123.tmp").write_text("not ours")
    atomic.write_text(target, "{}")
    assert sorted(p.name for p in folder.iterdir()) == [".other.json.abc123.tmp", "s[1].json"]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    atomic.write_text(target, "x")
    assert target.stat().st_mode & 0o777 == 0o666 & ~atomic.UMASK
    target.chmod(0o600)
    atomic.write_text(target, "y")
    assert target.stat().st_mode & 0o777 == 0o600


SAVER = textwrap.dedent(
    """
    import itertools, sys
    from gdtui.session import load_session, save_session
    path = sys.argv[1]
    loaded = load_session(path)
    scenario, trainer = loaded.scenario, loaded.trainer
    base = trainer.steps
    print("ready", flush=True)
    for k in itertools.count():
        trainer.step()
        save_session(path, scenario, trainer, {"round": k, "base": base})
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_a_saving_process_leaves_a_whole_session(tmp_path: Path) -> None:
    # A big history: thousands of MNIST steps, each followed by an alpha change, so every
    # save writes a few hundred kilobytes and a kill often lands in the middle of one.
    s = load_scenario(resolve("mnist"))
    t = Trainer(s.problem)
    for k in range(2000):
        t.step()
        t.set_alpha(0.001 + (k % 2) * 0.0005)
    base = t.steps
    path = tmp_path / "out" / "big.json"
    save_session(path, s, t, {"round": -1, "base": base})
    assert path.stat().st_size > 50_000
    rng = random.Random(5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, env=env
        )
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        loaded = load_session(path)  # the old or a new version, whole
        view = loaded.view
        assert loaded.trainer.steps == view["base"] + view["round"] + 1
        assert loaded.warnings == ()
        temporary = list(path.parent.glob(atomic.temp_pattern(path)))
        assert len(temporary) <= 1  # at most the save that was killed
    save_session(path, loaded.scenario, loaded.trainer, view)
    assert list(path.parent.iterdir()) == [path]


HALF_WRITER = textwrap.dedent(
    """
    import sys, time
    from gdtui.atomic import replacing
    with replacing(sys.argv[1]) as out:
        out.write(b'{"format": "gdtui-session", "ver')
        out.flush()
        print("half", flush=True)
        time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_in_the_middle_of_a_write_leaves_the_old_file(tmp_path: Path) -> None:
    # The random kills above mostly land while the session is being encoded; this one is
    # sure to land with half the bytes written.
    s, t = changed_trainer()
    path = tmp_path / "out" / "s.json"
    save_session(path, s, t, {"old": True})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", HALF_WRITER, str(path)], stdout=subprocess.PIPE, env=env
    )
    assert child.stdout is not None and child.stdout.readline() == b"half\n"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    assert load_session(path).view == {"old": True}
    assert len(list(path.parent.glob(atomic.temp_pattern(path)))) == 1
    save_session(path, s, t, {"old": False})
    assert list(path.parent.iterdir()) == [path] and load_session(path).view == {"old": False}


def test_session_module_does_not_need_textual() -> None:
    code = "import sys, gdtui.session, gdtui.export; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_session_docs_match_the_module() -> None:
    assert session.FORMAT in (ROOT / "README.md").read_text()
