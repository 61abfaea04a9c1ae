"""``gdtui --web``: textual-serve serves the page and the app's websocket, on loopback only."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from gdtui.web import _loopback, app_command

LIMIT = 30.0  # seconds for the whole exchange, at most


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def read_line(process: subprocess.Popen[str], deadline: float) -> str:
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    buffer = ""
    while time.monotonic() < deadline:
        chunk = process.stdout.readline()
        if chunk:
            buffer += chunk
            if buffer.endswith("\n"):
                return buffer
        elif process.poll() is not None:
            break
        else:
            time.sleep(0.05)
    raise AssertionError(f"no line from the server (exit {process.poll()}): {buffer!r}")


async def talk(url: str, deadline: float) -> tuple[str, int]:
    """The page's text, and how many bytes the app sent over the websocket after a resize."""
    timeout = aiohttp.ClientTimeout(total=deadline - time.monotonic())
    async with aiohttp.ClientSession(timeout=timeout) as client:
        async with client.get(url) as response:
            assert response.status == 200
            page = await response.text()
        ws_url = re.search(r'data-session-websocket-url="([^"]+)"', page)
        assert ws_url is not None, "the page names its websocket"
        assert ws_url.group(1).startswith("ws://127.0.0.1:")
        received = 0
        async with client.ws_connect(ws_url.group(1) + "?width=80&height=24") as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            while received < 1000 and time.monotonic() < deadline:
                message = await ws.receive(timeout=deadline - time.monotonic())
                if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                    received += len(message.data)
                else:
                    break
            await ws.send_json(["ping", "x"])
        return page, received


def test_the_server_answers_on_loopback(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "GDTUI_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "gdtui", "--web", "--port", str(port), "multi-input"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + LIMIT
    try:
        line = read_line(process, deadline)
        url = f"http://127.0.0.1:{port}"
        assert line.strip() == f"gdtui: serving gdtui · Multiple inputs at {url} (Ctrl+C stops)"
        page, received = asyncio.run(talk(url, deadline))
        assert "gdtui · Multiple inputs" in page and "textual" in page
        assert received >= 1000  # the app drew its screen into the websocket
        process.send_signal(signal.SIGINT)  # Ctrl+C
        _, err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        assert process.returncode == 0
        assert "Traceback" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_taken_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "GDTUI_HOME": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-m", "gdtui", "--web", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env,
            timeout=LIMIT,
        )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gdtui: cannot serve on 127.0.0.1:{port}")


def test_a_bad_scenario_is_reported_before_serving(tmp_path: Path, capsys) -> None:
    from gdtui.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [\n", encoding="utf-8")
    assert main(["--web", str(bad)]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1 and captured.out == ""


def test_the_command_runs_this_python_on_the_same_file() -> None:
    command = app_command(["--resume", "/tmp/a b.json"])
    assert command.startswith(sys.executable) or command.startswith(f"'{sys.executable}'")
    assert command.endswith("-m gdtui --resume '/tmp/a b.json'")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert _loopback(host) is loopback


def test_the_server_runs_with_the_garbage_collector_on(monkeypatch) -> None:
    # `gdtui` turns it off until the app's first frame; the server has none and runs for hours.
    import gc

    import gdtui.web
    from gdtui.cli import main

    seen = []
    monkeypatch.setattr(gdtui.web, "serve", lambda *args: seen.append(gc.isenabled()) or 0)
    assert main(["--web", "multi-input"]) == 0
    assert seen == [True]
