"""`gdtui data fetch mnist` against a hostile loopback mirror (floods, stalls, crawls, redirect
loops, gzip bombs), each fetch in a subprocess with a timeout that reports its peak memory: it
must end in one line on stderr, exit 2 (130 for Ctrl+C), and leave the destination empty."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gdtui.datasets import fetch

NAMES = fetch.NAMES
FIRST = NAMES[0]  # train-images-idx3-ubyte.gz, the first file fetched
SHARED = next(
    (p / "shared/data/mnist" for p in Path(__file__).parents if (p / "shared").is_dir()), None
)
# Roomy limits, for a loaded machine; each test of a limit makes that one small.
FAST = {"stall": 10.0, "deadline": 40.0, "min_rate": 0.0, "window": 0.3, "redirects": 5}
MEMORY_BOUND_KB = 110_000  # about 65 MB seen; the bomb below is 256 MB decompressed
RUNNER = """
import json, sys
from gdtui.datasets import fetch
from gdtui.data_commands import fetch as command
dest, mirrors, limits, known = sys.argv[1:]
for stem, (gz_limit, size, sha) in json.loads(known).items():
    fetch.KNOWN[stem] = fetch.Known(gz_limit, size, sha)
code = command(dest, json.loads(mirrors), fetch.Limits(**json.loads(limits)))
if sys.platform == "linux":  # its own peak: ru_maxrss would carry pytest's over fork and exec
    status = open("/proc/self/status").read().splitlines()
    print(*[line for line in status if line.startswith("VmHWM:")])
sys.exit(code)
"""


@dataclass
class Result:
    code: int
    out: str
    err: str
    peak_kb: int | None
    dest: Path

    def bounded(self) -> bool:  # measured on Linux only
        return sys.platform != "linux" or (self.peak_kb or MEMORY_BOUND_KB) < MEMORY_BOUND_KB

    def left(self) -> list[str]:
        return sorted(p.name for p in self.dest.iterdir())

    def failed_cleanly(self, code: int = 2) -> bool:
        one_line = self.err.count("\n") == 1 and "Traceback" not in self.err
        return self.code == code and one_line and self.left() == []


# -- the server -----------------------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler, threading.Event], None]  # the event: test is over


@dataclass
class Mirror:
    url: str
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    asked: threading.Event = field(default_factory=threading.Event)
    closing: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    state = Mirror("")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.lstrip("/")
            state.hits[path] = state.hits.get(path, 0) + 1
            state.asked.set()
            route = state.routes.get(path)
            try:
                if route is None:
                    self.send_error(404)
                else:
                    route(self, state.closing)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up, as it should
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{httpd.server_port}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield state
    finally:
        state.closing.set()
        httpd.shutdown()
        httpd.server_close()


def head(handler: BaseHTTPRequestHandler, length: int | None = None, chunked: bool = False) -> None:
    handler.send_response(200)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    if chunked:
        handler.send_header("Transfer-Encoding", "chunked")
    handler.send_header("Connection", "close")
    handler.end_headers()


def serve(data: bytes, announce: bool = True) -> Route:
    def route(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
        head(handler, len(data) if announce else None)
        handler.wfile.write(data)

    return route


def plain_gzip(size: int) -> bytes:
    """A gzip stream of ``size`` bytes stored uncompressed: any prefix of it is good gzip, so
    a client that checks as it reads cannot tell it from a copy still on its way."""
    squeeze = zlib.compressobj(0, zlib.DEFLATED, 31)
    return squeeze.compress(bytes(size)) + squeeze.flush(zlib.Z_SYNC_FLUSH)


def flood(chunked: bool = False) -> Route:
    """An endless body of good gzip (stopped at 1 GB in case the client never hangs up)."""

    def route(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
        head(handler, chunked=chunked)
        squeeze = zlib.compressobj(0, zlib.DEFLATED, 31)
        for _ in range(1 << 14):
            block = squeeze.compress(bytes(1 << 16))
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)

    return route


def stall(after: int | None) -> Route:
    """Headers (claiming 1 MB) and ``after`` bytes, then silence until the test ends; with
    ``after`` None, silence from the start."""

    def route(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
        if after is not None:
            head(handler, 1 << 20)
            handler.wfile.write(plain_gzip(after)[:after])
            handler.wfile.flush()
        closing.wait(30)

    return route


def trickle(interval: float, in_headers: bool = False) -> Route:
    """A byte every ``interval`` seconds, in the body or in one endless header line."""

    def route(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
        if in_headers:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        else:
            head(handler, 1 << 20)
        body = plain_gzip(1 << 20)
        for at in range(len(body)):
            if closing.wait(interval):
                return
            handler.wfile.write(b"a" if in_headers else body[at : at + 1])
            handler.wfile.flush()

    return route


def redirect(to: str) -> Route:
    def route(handler: BaseHTTPRequestHandler, closing: threading.Event) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


# -- the files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """One gzip member of 256 MB of zeros: about 1 MB, well under the 10.9 MB a copy of the
    training images may have, claiming more than five times their 47 MB."""
    squeeze = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    return b"".join(squeeze.compress(block) for _ in range(256)) + squeeze.flush()


def synthetic() -> tuple[dict[str, bytes], dict[str, tuple[int, int, str]]]:
    """Four small stand-ins for MNIST's files, and the KNOWN entries that make them genuine."""
    files, known = {}, {}
    for number, name in enumerate(NAMES):
        raw = hashlib.sha256(name.encode()).digest() * (50 + 10 * number)
        files[name] = gzip.compress(raw)
        sha = hashlib.sha256(raw).hexdigest()
        known[name.removesuffix(".gz")] = (len(files[name]) + 100, len(raw), sha)
    return files, known


def run(
    tmp_path: Path,
    mirrors: list[str],
    known: dict[str, tuple[int, int, str]] | None = None,
    interrupt: threading.Event | None = None,
    **limits: float,
) -> Result:
    dest = tmp_path / "dest"
    dest.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["GDTUI_HOME"] = str(tmp_path / "home")
    args = [json.dumps(mirrors), json.dumps(FAST | limits), json.dumps(known or {})]
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(dest), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        if interrupt is not None:
            assert interrupt.wait(20), "the fetch never reached the server"
            time.sleep(0.2)  # let it settle into waiting for bytes
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=90)
    finally:
        process.kill()
        process.wait()
    rss = [int(line.split()[1]) for line in out.splitlines() if line.startswith("VmHWM:")]
    return Result(process.returncode, out, err, rss[0] if rss else None, dest)


# -- good copies ----------------------------------------------------------------------------


def test_a_good_mirror_gives_four_verified_files(mirror, tmp_path):
    files, known = synthetic()
    mirror.routes = {name: serve(data) for name, data in files.items()}
    result = run(tmp_path, [mirror.url], known)
    assert result.code == 0 and result.left() == sorted(NAMES), result.err
    assert all((result.dest / n).read_bytes() == files[n] for n in NAMES)
    again = run(tmp_path, [mirror.url], known)  # nothing fetched twice
    assert again.code == 0 and again.out.count("already there, verified") == 4


@pytest.mark.skipif(SHARED is None, reason="the full MNIST is not here")
def test_the_real_files_pass_the_real_limits(mirror, tmp_path):
    assert SHARED is not None
    mirror.routes = {p.name: serve(p.read_bytes()) for p in SHARED.glob("*.gz")}
    result = run(tmp_path, [mirror.url])
    assert result.code == 0 and result.left() == sorted(NAMES), result.err
    assert result.bounded(), result.peak_kb


def test_a_bad_mirror_is_skipped_for_the_next(mirror, tmp_path, bomb):
    files, known = synthetic()
    mirror.routes = {"bad/" + n: serve(bomb) for n in NAMES}
    mirror.routes |= {"good/" + n: serve(data) for n, data in files.items()}
    result = run(tmp_path, [mirror.url + "bad/", mirror.url + "good/"], known)
    assert result.code == 0 and result.left() == sorted(NAMES), result.err
    assert result.out.count(mirror.url + "good/") == 4


# -- too much -------------------------------------------------------------------------------


@pytest.mark.parametrize("announce", [False, True], ids=["close-delimited", "content-length"])
def test_an_oversize_body_stops_at_the_limit(mirror, tmp_path, announce):
    files, known = synthetic()
    gz_limit = known[FIRST.removesuffix(".gz")][0]
    body = files[FIRST] + bytes(3 * gz_limit)
    # An honest Content-Length is refused at once; an absent one is counted as it comes.
    mirror.routes = {FIRST: serve(body, announce=announce)}
    result = run(tmp_path, [mirror.url], known)
    assert result.failed_cleanly(), result
    assert f"{gz_limit:,}" in result.err and ("announces" in result.err) == announce


@pytest.mark.parametrize("chunked", [False, True], ids=["close-delimited", "chunked"])
def test_an_endless_body_stops_at_the_real_limit(mirror, tmp_path, chunked):
    mirror.routes = {FIRST: flood(chunked)}
    result = run(tmp_path, [mirror.url])
    assert result.failed_cleanly(), result
    assert "more than 10,900,000 bytes" in result.err
    assert result.bounded(), result.peak_kb


def test_a_gzip_bomb_stops_at_the_decompressed_size_in_bounded_memory(mirror, tmp_path, bomb):
    mirror.routes = {FIRST: serve(bomb)}
    result = run(tmp_path, [mirror.url])
    assert result.failed_cleanly(), result
    assert "decompresses to more than the 47,040,016 bytes" in result.err
    assert result.bounded(), result.peak_kb


def test_a_gzip_bomb_already_in_the_folder_is_not_verified(tmp_path, bomb):
    (planted := tmp_path / FIRST).write_bytes(bomb)
    check = fetch.Gunzip(FIRST, str(planted))
    with pytest.raises(fetch.MirrorError, match="decompresses to more than"):
        check.feed(bomb)
    assert check.size <= fetch.KNOWN[FIRST.removesuffix(".gz")].size + fetch.CHUNK
    assert not fetch.verified(planted)


# -- too slow -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "route", [stall(0), stall(3000), stall(None)], ids=["body", "mid", "quiet"]
)
def test_a_stalled_mirror_times_out(mirror, tmp_path, route):
    mirror.routes = {FIRST: route}
    result = run(tmp_path, [mirror.url], stall=0.5)
    assert result.failed_cleanly(), result
    assert "no data for 0.5 s" in result.err


def test_a_crawling_body_is_stopped(mirror, tmp_path):
    mirror.routes = {FIRST: trickle(0.05)}  # about 20 bytes/s, never a stall
    result = run(tmp_path, [mirror.url], min_rate=1000)
    assert result.failed_cleanly(), result
    assert "too slow" in result.err and "at least 1,000 needed" in result.err


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_the_deadline_ends_any_phase(mirror, tmp_path, in_headers):
    mirror.routes = {FIRST: trickle(0.05, in_headers)}
    result = run(tmp_path, [mirror.url], deadline=1.5)
    assert result.failed_cleanly(), result
    assert "not finished within the 1.5 s deadline" in result.err


def test_ctrl_c_exits_130_with_one_line_and_nothing_left(mirror, tmp_path):
    mirror.routes = {FIRST: stall(3000)}
    result = run(tmp_path, [mirror.url], interrupt=mirror.asked)
    assert result.failed_cleanly(130), result
    assert "interrupted" in result.err


def test_leftovers_of_a_killed_write_are_removed(mirror, tmp_path):
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest" / f".{FIRST}.k1ll3d.tmp").write_bytes(b"half")
    result = run(tmp_path, [mirror.url])  # every file is a 404
    assert result.failed_cleanly(), result
    assert "HTTP 404" in result.err


# -- redirects ------------------------------------------------------------------------------


def test_a_redirect_loop_stops_after_five(mirror, tmp_path):
    mirror.routes = {FIRST: redirect("/loop"), "loop": redirect("/loop")}
    result = run(tmp_path, [mirror.url])
    assert result.failed_cleanly(), result
    assert "more than 5 redirects" in result.err
    assert mirror.hits[FIRST] + mirror.hits["loop"] == 6  # the request and five redirects


def test_five_redirects_are_followed(mirror, tmp_path):
    files, known = synthetic()
    mirror.routes = {name: serve(data) for name, data in files.items()}
    for name in NAMES:
        hops = [f"{hop}/{name}" for hop in range(5)] + [name]
        mirror.routes |= {a: redirect("/" + b) for a, b in itertools.pairwise(hops)}
    result = run(tmp_path, [mirror.url + "0/"], known)
    assert result.code == 0, result.err


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:,x"])
def test_a_redirect_off_http_is_refused(mirror, tmp_path, target):
    mirror.routes = {FIRST: redirect(target)}
    result = run(tmp_path, [mirror.url])
    assert result.failed_cleanly(), result
    assert f"redirected to {target}, not an http(s) URL" in result.err


def test_a_mirror_that_is_not_http_is_refused(tmp_path):
    result = run(tmp_path, [tmp_path.as_uri() + "/"])
    assert result.failed_cleanly(), result
    assert "not an http(s) URL" in result.err
