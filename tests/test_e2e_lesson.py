"""End to end: the installed ``gdtui lesson chapter5`` in a real terminal (tmux), driven by
keys: a question answered, a page held by its ``until``, quitting and resuming."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from tests.test_e2e_tmux import TMUX, alive, gdtui_command, tmux, wait_for

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def start(tmp_path: Path, columns: int, rows: int) -> str:
    session = f"gdtui-lesson-{uuid.uuid4().hex[:8]}"
    env = f"COLORTERM=truecolor GDTUI_HOME={tmp_path} COLUMNS={columns} LINES={rows}"
    command = f"{env} {gdtui_command()} lesson chapter5"
    started = tmux("new-session", "-d", "-s", session, "-x", str(columns), "-y", str(rows), command)
    assert started.returncode == 0, started.stderr
    return session


def quit_and_wait(session: str) -> None:
    tmux("send-keys", "-t", session, "q")
    deadline = time.monotonic() + 10
    while alive(session) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(session), "gdtui did not quit on q"


def test_a_lesson_in_tmux_answered_turned_and_resumed(tmp_path: Path) -> None:
    session = start(tmp_path, 120, 40)
    try:
        # (A lesson loads every page's scenario, MNIST's too, before its first frame.)
        first = ("1/16 Chapter 5", "Several inputs, one prediction", "1 grow", "Step 0")
        wait_for(session, *first, timeout=30)
        tmux("send-keys", "-t", session, "Space")  # locked until the question is answered
        time.sleep(0.5)  # (the answer's key is the app's first: it would overtake the space)
        wait_for(session, "Step 0")
        tmux("send-keys", "-t", session, "2")
        wait_for(session, "✗ Not quite: it is grow.", "Step 1", "Done: > turns the page.")
        tmux("send-keys", "-t", session, ">")
        wait_for(session, "2/16 Chapter 5", "Several steps", "Keys here")
        tmux("send-keys", "-t", session, "1")
        wait_for(session, "✓ Right.", "Step 2", "To go on: step ≥ 3.")
        tmux("send-keys", "-t", session, "f", ">")  # f is not on this page; > waits for step 3
        wait_for(session, "to go on: step ≥ 3")
        tmux("send-keys", "-t", session, "Space")
        wait_for(session, "Step 3", "Done: > turns the page.")
        quit_and_wait(session)
    finally:
        tmux("kill-session", "-t", session)
    assert (tmp_path / "state" / "lessons" / "chapter5.json").exists()
    assert not list((tmp_path / "state").glob("autosave*.json"))

    session = start(tmp_path, 80, 24)  # the smallest terminal the app is made for
    try:
        wait_for(session, "2/16 Chapter 5", "resumed at page 2/16, step 3", "Step 3", timeout=30)
        tmux("send-keys", "-t", session, ">")  # the page was done: it turns
        wait_for(session, "3/16", "Step 0", "Question:")
        tmux("send-keys", "-t", session, "<")
        wait_for(session, "2/16", "Step 0")
        quit_and_wait(session)
    finally:
        tmux("kill-session", "-t", session)
