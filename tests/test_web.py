"""``gdtui --web``: textual-serve serves the page and the app's websocket, on loopback only; it
refuses other sites' pages and names, caps its sessions and loads nothing from elsewhere."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
import pytest

from gdtui.web import app_command

LIMIT = 60.0  # seconds for a whole test's exchange, at most
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
COUNTS_PROCESSES = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


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


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    first_line: str
    deadline: float
    err: str = ""

    def children(self) -> list[int]:
        """The processes the server started (the apps), from /proc."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rpartition(")")[2].split()[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found


@contextmanager
def served(tmp_path: Path, *options: str) -> Iterator[Served]:
    """A ``gdtui --web`` on a free loopback port, stopped with Ctrl+C at the end (killed if it
    will not stop); its stderr is in ``err`` afterwards."""
    port = free_port()
    env = {**os.environ, "GDTUI_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "gdtui", "--web", "--port", str(port), *options]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    deadline = time.monotonic() + LIMIT
    try:
        line = read_line(process, deadline)
        server = Served(process, f"http://127.0.0.1:{port}", line, deadline)
        yield server
        process.send_signal(signal.SIGINT)  # Ctrl+C
        _, server.err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        assert process.returncode == 0
        assert "Traceback" not in server.err
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def client(deadline: float) -> aiohttp.ClientSession:
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=deadline - time.monotonic()))


async def draw(ws: aiohttp.ClientWebSocketResponse, deadline: float) -> int:
    """How many bytes the app sends over the websocket after a resize (at least 1000, unless
    the socket closes or time runs out)."""
    await ws.send_json(["resize", {"width": 80, "height": 24}])
    return await received(ws, deadline, 1000)


async def received(ws: aiohttp.ClientWebSocketResponse, deadline: float, enough: int) -> int:
    """How many bytes the app sends until ``enough`` came, the socket closes or time is up."""
    count = 0
    while count < enough and time.monotonic() < deadline:
        message = await ws.receive(timeout=deadline - time.monotonic())
        if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            break
        count += len(message.data)
    return count


def websocket_url(page: str) -> str:
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found is not None, "the page names its websocket"
    return found.group(1)


async def talk(url: str, deadline: float) -> tuple[str, int]:
    """The page's text, and how many bytes the app sent over the websocket after a resize."""
    async with client(deadline) as session:
        async with session.get(url) as response:
            assert response.status == 200
            page = await response.text()
        ws_url = websocket_url(page)
        assert ws_url == url.replace("http://", "ws://") + "/ws"
        async with session.ws_connect(ws_url + "?width=80&height=24", origin=url) as ws:
            received = await draw(ws, deadline)
            await ws.send_json(["ping", "x"])
        return page, received


def test_the_server_answers_on_loopback(tmp_path: Path) -> None:
    with served(tmp_path, "multi-input") as server:
        assert server.first_line.strip() == (
            f"gdtui: serving gdtui · Multiple inputs at {server.url} (Ctrl+C stops)"
        )
        page, received = asyncio.run(talk(server.url, server.deadline))
        assert "gdtui · Multiple inputs" in page and "textual" in page
        assert received >= 1000  # the app drew its screen into the websocket


async def handshake(url: str, deadline: float, origin: str | None) -> int:
    """The HTTP status a websocket handshake to ``url`` gets, sent with ``origin``."""
    async with client(deadline) as session:
        try:
            async with session.ws_connect(url, origin=origin):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


@COUNTS_PROCESSES
def test_a_websocket_from_another_page_is_refused_before_any_app_starts(tmp_path: Path) -> None:
    with served(tmp_path) as server:
        ws_url = server.url.replace("http://", "ws://") + "/ws"
        port = server.url.rsplit(":", 1)[1]
        refused = [
            "http://evil.example",  # the attack: a page on another site
            f"http://evil.example:{port}",
            f"http://127.0.0.1:{int(port) + 1}",  # another server on this computer
            "https" + server.url.removeprefix("http"),  # not what this server sends
            "null",  # a sandboxed frame or a file:// page
            None,  # browsers always send an Origin with a websocket: no Origin is no browser's
        ]
        for origin in refused:
            status = asyncio.run(handshake(ws_url, server.deadline, origin))
            assert status == 403, origin
        assert server.children() == []  # no app was started
    refusal = "gdtui: refused a websocket from 127.0.0.1: "
    assert refusal + "Origin 'http://evil.example' is not a page of this server" in server.err
    assert refusal + "no Origin (every browser sends one)" in server.err


def test_a_request_for_another_name_is_refused(tmp_path: Path) -> None:
    async def status_and_page(url: str, host: str) -> tuple[int, str]:
        async with (
            client(server.deadline) as session,
            session.get(url, headers={"Host": host}) as response,
        ):
            return response.status, await response.text()

    with served(tmp_path) as server:
        port = server.url.rsplit(":", 1)[1]
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{int(port) + 1}", ""):
            status, _ = asyncio.run(status_and_page(server.url, host))
            assert status == 421, host  # DNS rebinding: a name of the attacker's, pointing here
        status, _ = asyncio.run(status_and_page(server.url + "/static/css/xterm.css", "evil.x"))
        assert status == 421  # every path, not only the page
        status, page = asyncio.run(status_and_page(server.url, f"localhost:{port}"))
        assert status == 200 and websocket_url(page) == f"ws://localhost:{port}/ws"
    assert f"refused a request from 127.0.0.1 for Host 'evil.example:{port}'" in server.err


@COUNTS_PROCESSES
def test_sessions_past_the_cap_are_refused_until_one_ends(tmp_path: Path) -> None:
    message = "gdtui: 2 sessions already open (--max-sessions 2)"

    async def exchange(server: Served) -> None:
        deadline, url = server.deadline, server.url
        async with client(deadline) as session:

            async def page_status() -> tuple[int, str]:
                async with session.get(url) as response:
                    return response.status, await response.text()

            def connect() -> Any:
                return session.ws_connect(url.replace("http://", "ws://") + "/ws", origin=url)

            sessions = [await connect() for _ in range(2)]
            for ws in sessions:
                assert await draw(ws, deadline) >= 1000
            status, page = await page_status()
            assert status == 503 and message in page  # the third browser is told why
            async with connect() as extra:
                closing = await extra.receive(timeout=deadline - time.monotonic())
            assert closing.type == aiohttp.WSMsgType.CLOSE
            assert (closing.data, closing.extra) == (1013, message)
            assert len(server.children()) == 2  # and no third app was started

            await sessions.pop().close()
            while (await page_status())[0] != 200:  # its app quits, then its place is free
                await asyncio.sleep(0.1)
            sessions.append(await connect())
            assert await draw(sessions[-1], deadline) >= 1000
            for ws in sessions:
                await ws.close()

    with served(tmp_path, "--max-sessions", "2", "multi-input") as server:
        asyncio.run(exchange(server))
    assert f"{message}: refused a new session" in server.err


REFERENCES = (
    r"""\b(?:https?|wss?)://[^\s"'()<>`]+""",  # an absolute address
    r"""(?<=["'(=\s])//[^\s"'()<>`]+""",  # //host/...: the page's scheme, another host
    r"""url\(\s*["']?([^"')]+)""",
    r"""(?:src|href)\s*=\s*["']([^"']+)""",
)


COMMENTS = {"text/html": r"<!--.*?-->", "text/css": r"/\*.*?\*/"}  # they load nothing


def references(text: str, absolute_only: bool = False) -> set[str]:
    found = set()
    for pattern in REFERENCES[:1] if absolute_only else REFERENCES:
        for match in re.finditer(pattern, text):
            found.add(match.group(match.lastindex or 0))
    return found


def test_the_page_loads_nothing_from_another_computer(tmp_path: Path) -> None:
    """Everything the page names, and everything its styles name, is on this server (so a
    classroom without internet gets the whole page, and no third party learns of it); scripts
    are checked for any absolute address at all."""

    async def crawl(server: Served) -> dict[str, int]:
        fetched: dict[str, int] = {}
        pending = [server.url + "/"]
        async with client(server.deadline) as session:
            while pending:
                url = pending.pop()
                if url in fetched:
                    continue
                async with session.get(url) as response:
                    fetched[url] = response.status
                    body = (await response.read()).decode("utf-8", "replace")
                    kind = response.content_type
                if "javascript" in kind:
                    named = references(body, absolute_only=True)
                elif kind in COMMENTS:
                    named = references(re.sub(COMMENTS[kind], "", body, flags=re.DOTALL))
                else:
                    continue
                for reference in named:
                    address = urljoin(url, reference)
                    assert urlsplit(address).hostname in LOOPBACK_NAMES, (url, reference)
                    if urlsplit(address).scheme == "http":
                        pending.append(address)
        return fetched

    with served(tmp_path) as server:
        fetched = asyncio.run(crawl(server))
    assert all(status == 200 for status in fetched.values()), fetched
    names = {url.rsplit("/", 1)[1] for url in fetched}
    assert {"xterm.css", "textual.js", "RobotoMono-VariableFont_wght.ttf"} <= names


def test_the_reference_scan_sees_what_textual_serve_loads() -> None:
    # textual-serve's own page: the fonts from Google, and the static files at an absolute URL.
    template = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto" />'
    assert references(template) == {"https://fonts.googleapis.com/css?family=Roboto"}
    assert references("src: url(//cdn.example/f.ttf)") == {"//cdn.example/f.ttf"}
    assert references('<script src="/static/js/textual.js">') == {"/static/js/textual.js"}


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


@pytest.mark.parametrize("options", [["--max-sessions", "2"], ["--web", "--max-sessions", "0"]])
def test_max_sessions_is_a_positive_count_for_web(options: list[str], capsys) -> None:
    from gdtui.cli import main

    assert main(options) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_server_runs_with_the_garbage_collector_on(monkeypatch) -> None:
    # `gdtui` turns it off until the app's first frame; the server has none and runs for hours.
    import gc

    from gdtui.cli import main
    from gdtui.web.server import GdtuiServer

    seen = []
    monkeypatch.setattr(GdtuiServer, "serve", lambda *args: seen.append(gc.isenabled()))
    assert main(["--web", "multi-input"]) == 0
    assert main(["lesson", "chapter5", "--web"]) == 0  # (a lesson is served the same way)
    assert seen == [True, True]
