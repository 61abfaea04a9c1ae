"""``gdtui lesson NAME --web``: the lesson served on loopback, each browser's process on page 1
with no progress kept (``--fresh``); its web options checked like the app's."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.test_web import LIMIT, client, draw, free_port, read_line, received, websocket_url


async def answer_first_question(url: str, deadline: float) -> tuple[str, int, int]:
    """The page, the bytes of the first frame, and those the app sent after "1" was typed
    (it answers page 1's question, which a learner's process saves as progress)."""
    async with client(deadline) as session:
        async with session.get(url) as response:
            page = await response.text()
        ws_url = websocket_url(page) + "?width=80&height=24"
        async with session.ws_connect(ws_url, origin=url) as ws:
            first = await draw(ws, deadline)
            await ws.send_json(["stdin", "1"])
            after = await received(ws, deadline, 500)
    return page, first, after


def test_a_lesson_is_served_and_each_browser_starts_it_fresh(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "GDTUI_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "gdtui", "lesson", "chapter5", "--web", "--port", str(port)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + LIMIT
    try:
        line = read_line(process, deadline)
        url = f"http://127.0.0.1:{port}"
        title = "gdtui · lesson Chapter 5: learning many weights at once"
        assert line.strip() == f"gdtui: serving {title} at {url} (Ctrl+C stops)"
        page, first, after = asyncio.run(answer_first_question(url, deadline))
        assert title in page
        assert first >= 1000 and after >= 500  # it drew page 1, then the answer's verdict
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        assert process.returncode == 0 and "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert list(tmp_path.rglob("chapter5*")) == []  # no progress: the browser kept none


def run_gdtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gdtui", *args], capture_output=True, text=True, timeout=60
    )


def test_web_options_without_web_are_a_usage_error() -> None:
    done = run_gdtui("lesson", "chapter5", "--port", "8123")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip() == (
        "gdtui lesson: --port, --host and --max-sessions go with --web (see 'gdtui lesson --help')"
    )


def test_a_bad_lesson_is_reported_before_anything_is_served(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("lesson: x\npages: 3\n", encoding="utf-8")
    done = run_gdtui("lesson", str(bad), "--web", "--port", str(free_port()))
    assert done.returncode == 2
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines), lines
