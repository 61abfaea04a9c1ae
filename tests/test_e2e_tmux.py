"""End to end: the installed ``gdtui multi-input`` in a real terminal (tmux), driven by keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from gdtui.recent import load_recent

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def gdtui_command() -> str:
    beside = Path(sys.executable).parent / "gdtui"  # the venv's console script
    found = str(beside) if beside.exists() else shutil.which("gdtui")
    if found is None:
        pytest.skip("the gdtui command is not installed (pip install -e .)")
    return found


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    assert TMUX is not None
    return subprocess.run([TMUX, *args], capture_output=True, text=True, timeout=10)


def capture(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session).stdout


def wait_for(session: str, *needles: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture(session)
        if all(needle in screen for needle in needles):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"never saw {needles!r}; the screen was:\n{screen}")


def alive(session: str) -> bool:
    return tmux("has-session", "-t", session).returncode == 0


def test_step_three_times_in_tmux_then_quit(tmp_path: Path, monkeypatch) -> None:
    session = f"gdtui-e2e-{uuid.uuid4().hex[:8]}"
    # COLUMNS and LINES: under pytest the app measured the pane as 80x24 though tmux made it
    # 120x40 (stty in it says 40 120); the environment is what the size lookup reads first.
    env = f"COLORTERM=truecolor GDTUI_HOME={tmp_path} COLUMNS=120 LINES=40"
    command = f"{env} {gdtui_command()} multi-input"
    started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    assert started.returncode == 0, started.stderr
    try:
        wait_for(session, "Step 0", "0.1000", "space Step", "^p palette")
        wait_for(session, "slope −2.38", "slope −0.182", "slope −0.336")  # the three bowls
        # A step in three stages, with the chapter's arithmetic.
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "PREDICT", "8.5×0.1 + 0.65×0.2 + 1.2×(−0.1) = 0.85 + 0.13 + −0.12 = 0.86")
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "COMPARE", "error = (0.86 − 1)² = 0.0196", "predict higher")
        tmux("send-keys", "-t", session, "s")
        wait_for(session, "LEARN", "−0.14 × 8.5 = −1.19", "0.1 − 0.01 × (−1.19) = 0.1119", "Step 1")
        tmux("send-keys", "-t", session, "u")  # back to step 0 for the whole steps below
        wait_for(session, "Step 0")
        for _ in range(3):
            tmux("send-keys", "-t", session, "Space")
        screen = wait_for(session, "Step 3", "0.1158", "0.2012", "-0.0978")
        assert "Multiple inputs" in screen
        tmux("send-keys", "-t", session, "q")
        deadline = time.monotonic() + 10
        while alive(session) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(session), "gdtui did not quit on q"
        monkeypatch.setenv("GDTUI_HOME", str(tmp_path))
        assert [r.name for r in load_recent()] == ["Multiple inputs"]  # noted once on screen
    finally:
        if alive(session):
            tmux("kill-session", "-t", session)
